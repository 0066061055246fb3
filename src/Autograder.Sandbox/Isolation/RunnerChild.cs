using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Autograder.Sandbox.Isolation;

/// <summary>How a wait for the child's next line ended.</summary>
internal enum ReadStatus
{
    Line,
    Timeout,
    Closed,
    TooLong,
}

/// <summary>How a child ended: its exit code, what it wrote on stderr (capped), and whether its memory cgroup hit the limit.</summary>
internal sealed record ChildExit(int? ExitCode, string Stderr, bool HitMemoryLimit);

/// <summary>
/// One runner process, started through the layers that exist: cgroups (joined before exec), prlimit, setpriv to an
/// unprivileged user, and bwrap with no network, a read-only view of only the .NET runtime and the runner, and a private /tmp.
/// It runs one job and is never reused.
/// </summary>
internal sealed class RunnerChild : IDisposable
{
    private const int StderrCap = 16 * 1024;
    private static long _counter;

    private readonly Process _process;
    private readonly List<string> _cgroups;
    private readonly string? _memoryCgroup;
    private readonly Stream _stdout;
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrPump;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _pending = new();
    private Task<int>? _read;
    private int _bufferStart;
    private int _bufferEnd;
    private bool _disposed;

    private RunnerChild(Process process, List<string> cgroups, string? memoryCgroup)
    {
        _process = process;
        _cgroups = cgroups;
        _memoryCgroup = memoryCgroup;
        _stdout = process.StandardOutput.BaseStream;
        _stderrPump = PumpStderrAsync(process.StandardError);
    }

    public int Pid => _process.Id;

    public static RunnerChild Start(IsolationLayers layers, SandboxOptions options, string runnerDir, string dotnetRoot, string runnerName = "Autograder.Sandbox.Runner.dll", bool gpuDevices = false)
    {
        var id = $"c{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        var cgroups = new List<string>();
        string? memory = null;
        if (layers.MemoryCgroup is { } memBase)
        {
            memory = Path.Combine(memBase, id);
            Directory.CreateDirectory(memory);
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), ((long)options.MaxMemoryMb << 20).ToString(CultureInfo.InvariantCulture));
            TryWrite(Path.Combine(memory, "memory.swappiness"), "0");
            cgroups.Add(memory);
        }
        if (layers.PidsCgroup is { } pidsBase)
        {
            var pids = Path.Combine(pidsBase, id);
            Directory.CreateDirectory(pids);
            File.WriteAllText(Path.Combine(pids, "pids.max"), options.MaxProcesses.ToString(CultureInfo.InvariantCulture));
            cgroups.Add(pids);
        }
        if (layers.CpuCgroup is { } cpuBase)
        {
            var cpu = Path.Combine(cpuBase, id);
            Directory.CreateDirectory(cpu);
            TryWrite(Path.Combine(cpu, "cpu.cfs_period_us"), "100000");
            TryWrite(Path.Combine(cpu, "cpu.cfs_quota_us"), "100000"); // one core at most
            cgroups.Add(cpu);
        }

        var dotnet = Path.Combine(dotnetRoot, "dotnet");
        var command = new List<string>();
        if (cgroups.Count > 0)
        {
            // Join the cgroups before exec, so the runtime and everything it starts are inside from the first instruction.
            var join = string.Concat(cgroups.Select(c => $"echo $$ > {c}/cgroup.procs || exit 97; "));
            command.AddRange(["/bin/sh", "-c", join + "exec \"$@\"", "sh"]);
        }
        if (layers.Prlimit is { } prlimit)
        {
            command.AddRange([prlimit,
                $"--cpu={options.CpuSeconds}:{options.CpuSeconds}", $"--nofile={options.MaxOpenFiles}:{options.MaxOpenFiles}",
                $"--fsize={(long)options.MaxFileMb << 20}:{(long)options.MaxFileMb << 20}", "--core=0:0",
                $"--nproc={options.MaxProcesses * 16}:{options.MaxProcesses * 16}", "--"]);
        }
        if (layers.Setpriv is { } setpriv)
            command.AddRange([setpriv, $"--reuid={options.UserId}", $"--regid={options.UserId}", "--clear-groups", "--"]);
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = "/tmp",
            ["TMPDIR"] = "/tmp",
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_TieredPGO"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_GCHeapHardLimit"] = ((long)options.MaxMemoryMb << 20).ToString("X", CultureInfo.InvariantCulture),
        };
        string runnerDll;
        if (layers.Bwrap is { } bwrap)
        {
            command.AddRange([bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL"]);
            foreach (var (k, v) in environment) command.AddRange(["--setenv", k, v]);
            foreach (var lib in new[] { "/lib", "/lib64", "/usr/lib", "/usr/lib64" })
                command.AddRange(["--ro-bind-try", lib, lib]);
            command.AddRange(["--ro-bind", dotnetRoot, dotnetRoot, "--ro-bind", runnerDir, "/runner",
                "--proc", "/proc", "--dev", "/dev"]);
            // A TorchSharp child may use the GPU: its device nodes, where the machine has them (the driver's libraries are under /usr/lib).
            if (gpuDevices && Directory.Exists("/dev"))
                foreach (var node in Directory.EnumerateFiles("/dev", "nvidia*").Order(StringComparer.Ordinal)) command.AddRange(["--dev-bind", node, node]);
            command.AddRange(["--size", ((long)options.MaxFileMb << 21).ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
                "--chdir", "/tmp", "--"]);
            runnerDll = "/runner/" + runnerName;
        }
        else
        {
            runnerDll = Path.Combine(runnerDir, runnerName);
        }
        command.AddRange([dotnet, runnerDll]);

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
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the sandbox runner");
        return new RunnerChild(process, cgroups, memory);
    }

    /// <summary>Lowers the child's memory limit for its job (the runtime was started under the pool's ceiling).</summary>
    public void SetMemoryLimit(int megabytes)
    {
        if (_memoryCgroup is not null)
            TryWrite(Path.Combine(_memoryCgroup, "memory.limit_in_bytes"), ((long)megabytes << 20).ToString(CultureInfo.InvariantCulture));
    }

    public async Task SendAsync(string line, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The next line of stdout, waiting at most <paramref name="timeout"/>; lines longer than <paramref name="maxBytes"/> are refused.</summary>
    public async Task<(ReadStatus Status, string? Line)> ReadLineAsync(TimeSpan timeout, int maxBytes, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _bufferStart, _bufferEnd - _bufferStart);
            if (newline >= 0)
            {
                _pending.Write(_buffer, _bufferStart, newline - _bufferStart);
                _bufferStart = newline + 1;
                var line = Encoding.UTF8.GetString(_pending.GetBuffer(), 0, (int)_pending.Length);
                _pending.SetLength(0);
                return (ReadStatus.Line, line);
            }
            _pending.Write(_buffer, _bufferStart, _bufferEnd - _bufferStart);
            _bufferStart = _bufferEnd = 0;
            if (_pending.Length > maxBytes) return (ReadStatus.TooLong, null);

            _read ??= _stdout.ReadAsync(_buffer, 0, _buffer.Length, CancellationToken.None);
            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0) return (ReadStatus.Timeout, null);
            var finished = await Task.WhenAny(_read, Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency), ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (finished != _read) return (ReadStatus.Timeout, null);
            int count;
            try
            {
                count = await _read.ConfigureAwait(false);
            }
            catch (IOException)
            {
                count = 0;
            }
            _read = null;
            if (count == 0) return (ReadStatus.Closed, null);
            _bufferEnd = count;
        }
    }

    /// <summary>Kills the child (if still alive) and reports how it ended.</summary>
    public async Task<ChildExit> EndAsync()
    {
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
        var hitMemory = false;
        if (_memoryCgroup is not null)
        {
            hitMemory = ReadLong(Path.Combine(_memoryCgroup, "memory.failcnt")) > 0
                || (TryRead(Path.Combine(_memoryCgroup, "memory.oom_control"))?.Contains("oom_kill 1", StringComparison.Ordinal) ?? false);
        }
        string stderr;
        lock (_stderr) stderr = _stderr.ToString();
        return new ChildExit(_process.HasExited ? _process.ExitCode : null, stderr, hitMemory);
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        foreach (var cgroup in _cgroups)
        {
            foreach (var pid in (TryRead(Path.Combine(cgroup, "cgroup.procs")) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    using var p = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
                    p.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or System.ComponentModel.Win32Exception)
                {
                    // exited meanwhile
                }
            }
        }
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

    private static void TryWrite(string file, string value)
    {
        try
        {
            File.WriteAllText(file, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // an optional knob of the controller
        }
    }

    private static string? TryRead(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ReadLong(string file) =>
        long.TryParse(TryRead(file)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

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
        foreach (var cgroup in _cgroups) RemoveCgroup(cgroup);
    }

    private static void RemoveCgroup(string dir)
    {
        // rmdir fails while the group still holds a dying task; try a little, then leave it for the next start to sweep.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                Directory.Delete(dir);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(5);
            }
        }
    }
}
