using System.Diagnostics;
using System.Globalization;

namespace Autograder.Sandbox.Isolation;

/// <summary>
/// The cgroups of one child (named <c>c&lt;grader pid&gt;-&lt;n&gt;</c> under each controller's autograder-sandbox group):
/// created with their limits before the child starts, read for the out-of-memory record when it ends, emptied and
/// removed after. Groups of a grader that died are removed by the next grader's start.
/// </summary>
internal sealed class ChildCgroups : IDisposable
{
    private static long _counter;
    private readonly List<string> _dirs;
    private readonly string? _memory;

    private ChildCgroups(List<string> dirs, string? memory)
    {
        _dirs = dirs;
        _memory = memory;
    }

    /// <summary>The groups' folders, which the child joins before exec.</summary>
    public IReadOnlyList<string> Directories => _dirs;

    public static string NewId(string kind = "") => $"c{Environment.ProcessId}-{kind}{Interlocked.Increment(ref _counter)}";

    /// <param name="maxProcesses">The pids limit; null leaves the pids controller out.</param>
    /// <param name="oneCore">Whether the cpu controller holds the child to one core.</param>
    public static ChildCgroups Create(IsolationLayers layers, string id, int memoryMb, int? maxProcesses, bool oneCore)
    {
        var dirs = new List<string>();
        string? memory = null;
        try
        {
            if (layers.MemoryCgroup is { } memBase)
            {
                memory = Path.Combine(memBase, id);
                Directory.CreateDirectory(memory);
                dirs.Add(memory);
                File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), Bytes(memoryMb));
                TryWrite(Path.Combine(memory, "memory.swappiness"), "0");
            }
            if (maxProcesses is { } max && layers.PidsCgroup is { } pidsBase)
            {
                var pids = Path.Combine(pidsBase, id);
                Directory.CreateDirectory(pids);
                dirs.Add(pids);
                File.WriteAllText(Path.Combine(pids, "pids.max"), max.ToString(CultureInfo.InvariantCulture));
            }
            if (oneCore && layers.CpuCgroup is { } cpuBase)
            {
                var cpu = Path.Combine(cpuBase, id);
                Directory.CreateDirectory(cpu);
                dirs.Add(cpu);
                TryWrite(Path.Combine(cpu, "cpu.cfs_period_us"), "100000");
                TryWrite(Path.Combine(cpu, "cpu.cfs_quota_us"), "100000");
            }
        }
        catch
        {
            foreach (var dir in dirs) Remove(dir);
            throw;
        }
        return new ChildCgroups(dirs, memory);
    }

    /// <summary>Lowers the memory limit (the runtime was started under the pool's ceiling).</summary>
    public void SetMemoryLimit(int megabytes)
    {
        if (_memory is not null) TryWrite(Path.Combine(_memory, "memory.limit_in_bytes"), Bytes(megabytes));
    }

    /// <summary>The memory controller's own record that the group reached its limit (failures to charge, or an OOM kill).</summary>
    public bool HitMemoryLimit()
    {
        if (_memory is null) return false;
        return ReadLong(Path.Combine(_memory, "memory.failcnt")) > 0
            || (TryRead(Path.Combine(_memory, "memory.oom_control")) ?? "").Split('\n').Any(l => l.StartsWith("oom_kill ", StringComparison.Ordinal) && l.Trim() != "oom_kill 0");
    }

    /// <summary>Kills every process still in the groups (what a child left behind outside its process tree).</summary>
    public void KillAll()
    {
        foreach (var dir in _dirs) KillMembers(dir);
    }

    public void Dispose()
    {
        KillAll();
        foreach (var dir in _dirs) Remove(dir);
    }

    /// <summary>Kills the members of, and removes, the groups of grader processes that are gone.</summary>
    public static void SweepLeftovers(string baseDir)
    {
        foreach (var group in Directory.EnumerateDirectories(baseDir, "c*-*"))
        {
            var name = Path.GetFileName(group);
            if (!int.TryParse(name.AsSpan(1, name.IndexOf('-', StringComparison.Ordinal) - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                || Directory.Exists($"/proc/{pid}")) continue;
            KillMembers(group);
            Remove(group);
        }
    }

    private static void KillMembers(string dir)
    {
        foreach (var pid in (TryRead(Path.Combine(dir, "cgroup.procs")) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
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

    private static void Remove(string dir)
    {
        // rmdir fails while the group still holds a dying task; try a little, then leave it for the next start to sweep.
        for (var attempt = 0; attempt < 40; attempt++)
        {
            try
            {
                Directory.Delete(dir);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static string Bytes(int megabytes) => ((long)megabytes << 20).ToString(CultureInfo.InvariantCulture);

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
}
