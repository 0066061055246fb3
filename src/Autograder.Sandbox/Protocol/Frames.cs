using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Autograder.Sandbox.Protocol;

/// <summary>
/// The framing of every message between the grader and its children (runners and the compiler): a magic, the payload's
/// length, the payload (UTF-8 JSON) and an HMAC-SHA256 of length and payload under the job's key, so a partial, mixed
/// or forged frame is detected. Linked as source into each child, which reference nothing else of the grader.
/// </summary>
internal static class Frames
{
    public const int HeaderBytes = 8;
    public const int MacBytes = 32;
    private static ReadOnlySpan<byte> Magic => "AGF1"u8;

    public static byte[] Encode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderBytes + payload.Length + MacBytes];
        Magic.CopyTo(frame);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderBytes));
        HMACSHA256.HashData(key, frame.AsSpan(4, 4 + payload.Length), frame.AsSpan(HeaderBytes + payload.Length));
        return frame;
    }

    /// <summary>The payload length a header announces, or -1 when the header is not one of ours.</summary>
    public static int Length(ReadOnlySpan<byte> header) =>
        header[..4].SequenceEqual(Magic) && BinaryPrimitives.ReadInt32LittleEndian(header[4..]) is var n and >= 0 ? n : -1;

    /// <summary>Whether <paramref name="mac"/> is the HMAC of the frame's length and payload.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> mac)
    {
        var signed = new byte[4 + payload.Length];
        header[4..HeaderBytes].CopyTo(signed);
        payload.CopyTo(signed.AsSpan(4));
        Span<byte> expected = stackalloc byte[MacBytes];
        HMACSHA256.HashData(key, signed, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    /// <summary>Reads one frame, blocking; null at the end of the stream or on anything that is not a whole valid frame.</summary>
    public static byte[]? Read(Stream stream, ReadOnlySpan<byte> key, int maxBytes)
    {
        var header = new byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes) return null;
        var length = Length(header);
        if (length < 0 || length > maxBytes) return null;
        var rest = new byte[length + MacBytes];
        if (stream.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length) return null;
        return Verify(key, header, rest.AsSpan(0, length), rest.AsSpan(length)) ? rest[..length] : null;
    }
}
