using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Autograder.Core.Variants;

/// <summary>
/// The seed of one student's variant: the first 8 bytes (little-endian) of
/// SHA-256("autograder-variant/v1\n{problemId}\n{problemVersion}\n{examSeed}\n{studentId}") in UTF-8.
/// </summary>
public static class VariantSeed
{
    public static ulong For(string problemId, int problemVersion, long examSeed, string studentId)
    {
        var text = $"autograder-variant/v1\n{problemId}\n{problemVersion}\n{examSeed}\n{studentId}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash[..8]);
    }

    public static SplitMix64 Rng(string problemId, int problemVersion, long examSeed, string studentId) =>
        new(For(problemId, problemVersion, examSeed, studentId));
}
