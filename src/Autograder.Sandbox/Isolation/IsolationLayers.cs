using System.Diagnostics;

namespace Autograder.Sandbox.Isolation;

/// <summary>
/// Which process layers this machine offers: bubblewrap (namespaces, private read-only view), setpriv (an unprivileged
/// user), prlimit (rlimits) and cgroup v1 memory, pids and cpu controllers. Found once; each missing layer is a warning.
/// </summary>
internal sealed record IsolationLayers(string? Bwrap, string? Setpriv, string? Prlimit, string? MemoryCgroup, string? PidsCgroup, string? CpuCgroup, IReadOnlyList<string> Missing)
{
    private const string CgroupName = "autograder-sandbox";

    public static IsolationLayers Detect()
    {
        var missing = new List<string>();
        var root = Environment.IsPrivilegedProcess;
        var bwrap = Find("bwrap");
        if (bwrap is not null && !Works(bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--", "/bin/true")) bwrap = null;
        if (bwrap is null) missing.Add("bubblewrap is missing or cannot create namespaces: submissions run without a private file system view and without network isolation");
        var setpriv = root ? Find("setpriv") : null;
        if (setpriv is null) missing.Add(root ? "setpriv is missing: submissions run as the grader's user" : "the grader is not root, so submissions run as the grader's user");
        var prlimit = Find("prlimit");
        if (prlimit is null) missing.Add("prlimit is missing: no limits on CPU time, open files and file size");
        var memory = root ? Cgroup("memory", "memory.limit_in_bytes") : null;
        if (memory is null) missing.Add("no writable cgroup v1 memory controller: memory is bounded only by the .NET heap limit");
        var pids = root ? Cgroup("pids", "pids.max") : null;
        if (pids is null) missing.Add("no writable cgroup v1 pids controller: the process count is bounded only by RLIMIT_NPROC");
        var cpu = root ? Cgroup("cpu", "cpu.cfs_quota_us") : null;
        if (cpu is null) missing.Add("no writable cgroup v1 cpu controller: a submission may use every core while it runs");
        return new IsolationLayers(bwrap, setpriv, prlimit, memory, pids, cpu, missing);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static bool Works(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            if (!p.WaitForExit(10_000)) { p.Kill(true); return false; }
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Removes the empty groups of children whose grader process is gone (named c&lt;grader pid&gt;-&lt;n&gt;).</summary>
    private static void SweepLeftovers(string dir)
    {
        foreach (var group in Directory.EnumerateDirectories(dir, "c*-*"))
        {
            var name = Path.GetFileName(group);
            if (!int.TryParse(name.AsSpan(1, name.IndexOf('-', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || Directory.Exists($"/proc/{pid}")) continue;
            try
            {
                Directory.Delete(group);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // still holds a process; a later start tries again
            }
        }
    }

    private static string? Cgroup(string controller, string probe)
    {
        var mount = Path.Combine("/sys/fs/cgroup", controller);
        if (!File.Exists(Path.Combine(mount, probe)) && !File.Exists(Path.Combine(mount, "cgroup.procs"))) return null;
        try
        {
            var dir = Path.Combine(mount, CgroupName);
            Directory.CreateDirectory(dir);
            SweepLeftovers(dir);
            return File.Exists(Path.Combine(dir, probe)) ? dir : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
