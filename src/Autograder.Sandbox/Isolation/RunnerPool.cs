using System.Security.Cryptography;
using System.Threading.Channels;

namespace Autograder.Sandbox.Isolation;

/// <summary>
/// Runner children started ahead of time and waiting on stdin, so a submission does not pay for a .NET start.
/// Each child is handed out once; fillers start a replacement as soon as one is taken.
/// </summary>
internal sealed class RunnerPool : IAsyncDisposable
{
    private readonly Channel<RunnerChild> _ready;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _fillers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _retiring = new();
    private readonly IsolationLayers _layers;
    private readonly SandboxOptions _options;
    private readonly string _runnerDir;
    private readonly string _dotnetRoot;
    private readonly string _runnerName;
    private readonly bool _gpuDevices;
    private volatile string? _lastFailure;

    public RunnerPool(IsolationLayers layers, SandboxOptions options)
        : this(layers, options, UnpackRunner(), "Autograder.Sandbox.Runner.dll", gpuDevices: false)
    {
    }

    /// <summary>A pool of another runner executable, <paramref name="runnerName"/> in <paramref name="runnerDir"/> (bound read-only as /runner).</summary>
    public RunnerPool(IsolationLayers layers, SandboxOptions options, string runnerDir, string runnerName, bool gpuDevices)
    {
        _layers = layers;
        _options = options;
        _runnerDir = runnerDir;
        _runnerName = runnerName;
        _gpuDevices = gpuDevices;
        _dotnetRoot = DotnetRoot();
        var size = Math.Max(1, options.PoolSize);
        _ready = Channel.CreateBounded<RunnerChild>(new BoundedChannelOptions(size) { SingleReader = false, SingleWriter = false });
        _fillers = [.. Enumerable.Range(0, size).Select(_ => Task.Run(FillAsync))];
    }

    /// <summary>A started child, ready for one job.</summary>
    public async Task<RunnerChild> TakeAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            return await _ready.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"no sandbox runner became ready within 30 s: {_lastFailure ?? "unknown cause"}");
        }
    }

    /// <summary>Ends a used child and removes its cgroups in the background, so the grading that used it does not wait for that.</summary>
    public void Retire(RunnerChild child)
    {
        var task = Task.Run(child.Dispose);
        _retiring[task] = 0;
        _ = task.ContinueWith(t => _retiring.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task FillAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            RunnerChild? child = null;
            try
            {
                child = RunnerChild.Start(_layers, _options, _runnerDir, _dotnetRoot, _runnerName, _gpuDevices);
                var ready = await child.Frames.ReadAsync(TimeSpan.FromSeconds(20), _stop.Token).ConfigureAwait(false);
                if (ready is { Status: Protocol.FrameStatus.Frame, Payload: { } payload } && payload["ready"] is System.Text.Json.Nodes.JsonValue flag && flag.TryGetValue<bool>(out var isReady) && isReady)
                {
                    await _ready.Writer.WriteAsync(child, _stop.Token).ConfigureAwait(false);
                    child = null;
                    delay = TimeSpan.FromMilliseconds(100);
                    continue;
                }
                var exit = await child.EndAsync().ConfigureAwait(false);
                _lastFailure = $"the runner did not start (exit code {exit.ExitCode}, {ready.Problem ?? ready.Status.ToString()}): {FirstLine(exit.Stderr)}";
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _lastFailure = $"the runner did not start: {e.Message}";
            }
            finally
            {
                child?.Dispose();
            }
            try
            {
                await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "(no message)";

    /// <summary>The folder of the .NET runtime this process runs on (bound read-only into the sandbox at the same path).</summary>
    internal static string DotnetRoot()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
        return File.Exists(Path.Combine(root, "dotnet")) ? root : throw new InvalidOperationException($"no dotnet host found at {root}");
    }

    /// <summary>
    /// Unpacks the embedded runner into a folder named by its hash, readable by the sandbox user and holding nothing
    /// else: the child's view of the host is this folder and the runtime.
    /// </summary>
    private static string UnpackRunner()
    {
        var assembly = typeof(RunnerPool).Assembly;
        var files = new[] { "Autograder.Sandbox.Runner.dll", "Autograder.Sandbox.Runner.runtimeconfig.json" }
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream($"runner/{name}") ?? throw new InvalidOperationException($"the runner file {name} is not embedded");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (Name: name, Bytes: copy.ToArray());
            }).ToList();
        var hash = Convert.ToHexStringLower(SHA256.HashData(files.SelectMany(f => f.Bytes).ToArray()))[..16];
        var dir = Path.Combine(Path.GetTempPath(), $"autograder-runner-{hash}");
        bool Unpacked() => files.All(f => File.Exists(Path.Combine(dir, f.Name)) && File.ReadAllBytes(Path.Combine(dir, f.Name)).AsSpan().SequenceEqual(f.Bytes));
        if (Unpacked()) return dir;
        var staging = $"{dir}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(staging, name);
            File.WriteAllBytes(path, bytes);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); // damaged: it failed the check above
            Directory.Move(staging, dir);
        }
        catch (IOException)
        {
            // another grader unpacked the same runner at the same moment
            Directory.Delete(staging, recursive: true);
            if (!Unpacked()) throw;
        }
        return dir;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_fillers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _ready.Writer.TryComplete();
        while (_ready.Reader.TryRead(out var child)) child.Dispose();
        await Task.WhenAll(_retiring.Keys).ConfigureAwait(false);
        _stop.Dispose();
    }
}
