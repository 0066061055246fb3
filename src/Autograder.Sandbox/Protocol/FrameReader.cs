using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Autograder.Sandbox.Protocol;

public enum FrameStatus
{
    Frame,
    Timeout,
    Closed,
    Bad,
}

/// <summary>The next frame of a child, or why there is none (<see cref="Problem"/> says what was wrong with a bad one).</summary>
internal readonly record struct FrameRead(FrameStatus Status, JsonObject? Payload, string? Problem = null);

/// <summary>
/// Reads a child's frames in the background as they arrive and hands them out with a deadline. A frame that is cut off,
/// too long, not signed with the current key or not a JSON object ends the reading: the child failed.
/// </summary>
internal sealed class FrameReader
{
    /// <summary>Deeper than the child's own serializer limit (64) plus the frame's wrapper, so that no honest frame is refused.</summary>
    public const int MaxDepth = 96;

    private readonly Channel<FrameRead> _frames = Channel.CreateUnbounded<FrameRead>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private volatile byte[] _key = [];
    private volatile int _maxBytes = 64 * 1024;

    public FrameReader(Stream stream) => _ = PumpAsync(stream);

    /// <summary>The key the next frames must be signed with (the job's, once it is sent).</summary>
    public byte[] Key
    {
        set => _key = value;
    }

    public int MaxBytes
    {
        set => _maxBytes = value;
    }

    public async Task<FrameRead> ReadAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            return await _frames.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new FrameRead(FrameStatus.Timeout, null);
        }
        catch (ChannelClosedException)
        {
            return new FrameRead(FrameStatus.Closed, null);
        }
    }

    private async Task PumpAsync(Stream stream)
    {
        await Task.Yield();
        var header = new byte[Frames.HeaderBytes];
        try
        {
            while (true)
            {
                var got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false).ConfigureAwait(false);
                if (got == 0) break;
                if (got < header.Length)
                {
                    _frames.Writer.TryWrite(new FrameRead(FrameStatus.Bad, null, "a frame was cut off in its header"));
                    break;
                }
                var length = Frames.Length(header);
                if (length < 0 || length > _maxBytes)
                {
                    _frames.Writer.TryWrite(new FrameRead(FrameStatus.Bad, null, length < 0 ? "bytes that are not a frame" : $"a frame of {length} bytes, more than the {_maxBytes} allowed"));
                    break;
                }
                var rest = new byte[length + Frames.MacBytes];
                if (await stream.ReadAtLeastAsync(rest, rest.Length, throwOnEndOfStream: false).ConfigureAwait(false) < rest.Length)
                {
                    _frames.Writer.TryWrite(new FrameRead(FrameStatus.Bad, null, "a frame was cut off"));
                    break;
                }
                if (!Frames.Verify(_key, header, rest.AsSpan(0, length), rest.AsSpan(length)))
                {
                    _frames.Writer.TryWrite(new FrameRead(FrameStatus.Bad, null, "a frame not signed with the job's key"));
                    break;
                }
                JsonObject? payload;
                try
                {
                    payload = JsonNode.Parse(rest.AsSpan(0, length), documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth }) as JsonObject;
                }
                catch (JsonException)
                {
                    payload = null;
                }
                if (payload is null)
                {
                    _frames.Writer.TryWrite(new FrameRead(FrameStatus.Bad, null, "a frame that is not a JSON object"));
                    break;
                }
                _frames.Writer.TryWrite(new FrameRead(FrameStatus.Frame, payload));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the child is gone: the readers see the channel closed
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
