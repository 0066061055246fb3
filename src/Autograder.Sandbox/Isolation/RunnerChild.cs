using System.Diagnostics;
using System.Text;
using Autograder.Sandbox.Protocol;

namespace Autograder.Sandbox.Isolation;

/// <summary>
/// How a child ended: its exit code, the start of what the runtime wrote on its stderr (the submission's printing never
/// goes there), and the memory cgroup's own record of reaching the limit.
/// </summary>
internal sealed record ChildExit(int? ExitCode, string Stderr, bool HitMemoryLimit);

/// <summary>
/// One runner process, started through the layers that exist (<see cref="ChildCommand"/>, <see cref="ChildCgroups"/>).
/// Frames come back on its own channel (the process's stdout pipe, file descriptor 3 in the child). It runs one job and is never reused.
/// </summary>
internal sealed class RunnerChild : IDisposable
{
    private const int StderrCap = 16 * 1024;

    private readonly Process _process;
    private readonly ChildCgroups _cgroups;
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrPump;
    private bool _disposed;

    private RunnerChild(Process process, ChildCgroups cgroups)
    {
        _process = process;
        _cgroups = cgroups;
        Frames = new FrameReader(process.StandardOutput.BaseStream);
        _stderrPump = PumpStderrAsync(process.StandardError);
    }

    public FrameReader Frames { get; }

    public static RunnerChild Start(IsolationLayers layers, SandboxOptions options, string runnerDir, string dotnetRoot, string runnerName, bool gpuDevices)
    {
        var cgroups = ChildCgroups.Create(layers, ChildCgroups.NewId(), options.MaxMemoryMb, options.MaxProcesses, oneCore: true);
        try
        {
            var devices = gpuDevices && Directory.Exists("/dev") ? Directory.EnumerateFiles("/dev", "nvidia*").Order(StringComparer.Ordinal).ToList() : [];
            var command = ChildCommand.Build(layers, options, new ChildSpec(dotnetRoot, runnerDir, runnerName, cgroups.Directories, devices));
            var info = new ProcessStartInfo(command[0])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = layers.Bwrap is null ? Path.GetTempPath() : "/",
            };
            foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
            info.Environment.Clear();
            info.Environment["PATH"] = "/usr/bin:/bin";
            foreach (var (k, v) in ChildCommand.Environment(options, options.MaxMemoryMb)) info.Environment[k] = v;
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the sandbox runner");
            return new RunnerChild(process, cgroups);
        }
        catch
        {
            cgroups.Dispose();
            throw;
        }
    }

    /// <summary>Lowers the child's memory limit for its job (the runtime was started under the pool's ceiling).</summary>
    public void SetMemoryLimit(int megabytes) => _cgroups.SetMemoryLimit(megabytes);

    /// <summary>Sends one frame (the job) on the child's stdin.</summary>
    public async Task SendAsync(byte[] payload, CancellationToken ct)
    {
        var stream = _process.StandardInput.BaseStream;
        await stream.WriteAsync(Protocol.Frames.Encode([], payload), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Kills the child (if still alive) and reports how it ended.</summary>
    /// <param name="grace">How long a child that closed its channel may take to exit by itself (so its own exit status is
    /// read, not the kill's); a child that still runs after it is killed.</param>
    public async Task<ChildExit> EndAsync(TimeSpan grace = default)
    {
        if (grace > TimeSpan.Zero)
        {
            using var exiting = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(exiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // still running after its channel closed: killed below
            }
        }
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            await _stderrPump.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // a child that cannot be reaped is still reported; its cgroup is removed later
        }
        string stderr;
        lock (_stderr) stderr = _stderr.ToString();
        return new ChildExit(_process.HasExited ? _process.ExitCode : null, stderr, _cgroups.HitMemoryLimit());
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    private void Kill()
    {
        try
        {
            // In its cgroups every descendant is killed below; walking /proc for the tree is needed only without them.
            if (!_process.HasExited) _process.Kill(entireProcessTree: _cgroups.Directories.Count == 0);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _cgroups.KillAll();
    }

    private async Task PumpStderrAsync(StreamReader reader)
    {
        var chunk = new char[4096];
        try
        {
            int n;
            while ((n = await reader.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                lock (_stderr)
                {
                    if (_stderr.Length < StderrCap) _stderr.Append(chunk, 0, Math.Min(n, StderrCap - _stderr.Length));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the child is gone
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        try
        {
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
        _cgroups.Dispose();
    }
}
