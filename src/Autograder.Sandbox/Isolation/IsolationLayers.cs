using System.Diagnostics;

namespace Autograder.Sandbox.Isolation;

/// <summary>A process layer this machine lacks: its name (as results show it) and what to add so that it works.</summary>
public sealed record MissingLayer(string Name, string Remedy)
{
    public override string ToString() => $"{Name}: {Remedy}";
}

/// <summary>
/// Which process layers this machine offers: bubblewrap (namespaces, private read-only view), setpriv (an unprivileged
/// user), prlimit (rlimits) and cgroup v1 memory, pids and cpu controllers. Found once, at the grader's start, which also
/// removes the cgroups a dead grader left behind.
/// </summary>
internal sealed record IsolationLayers(string? Bwrap, string? Setpriv, string? Prlimit, string? MemoryCgroup, string? PidsCgroup, string? CpuCgroup, IReadOnlyList<MissingLayer> Missing)
{
    public const string CgroupName = "autograder-sandbox";

    public static IsolationLayers Detect()
    {
        var missing = new List<MissingLayer>();
        var root = Environment.IsPrivilegedProcess;
        var bwrap = Find("bwrap");
        if (bwrap is not null && !Works(bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--", "/bin/true")) bwrap = null;
        if (bwrap is null) missing.Add(new("bubblewrap", "install the Debian package bubblewrap and allow it to create user, network and mount namespaces (no private file system view or network isolation without it)"));
        var setpriv = root ? Find("setpriv") : null;
        if (setpriv is null) missing.Add(new("setpriv", root ? "install the Debian package util-linux (setpriv), so that submissions run as an unprivileged user"
            : "run the grader as root (the children drop to an unprivileged user with setpriv); as another user submissions run as the grader's user"));
        var prlimit = Find("prlimit");
        if (prlimit is null) missing.Add(new("prlimit", "install the Debian package util-linux (prlimit): limits on CPU time, open files and file size"));
        var memory = root ? Cgroup("memory", "memory.limit_in_bytes") : null;
        if (memory is null) missing.Add(new("cgroup memory", "mount the cgroup v1 memory controller at /sys/fs/cgroup/memory and run the grader as root (the memory limit of each child)"));
        var pids = root ? Cgroup("pids", "pids.max") : null;
        if (pids is null) missing.Add(new("cgroup pids", "mount the cgroup v1 pids controller at /sys/fs/cgroup/pids and run the grader as root (the process count of each child)"));
        var cpu = root ? Cgroup("cpu", "cpu.cfs_quota_us") : null;
        if (cpu is null) missing.Add(new("cgroup cpu", "mount the cgroup v1 cpu controller at /sys/fs/cgroup/cpu and run the grader as root (one core per child)"));
        return new IsolationLayers(bwrap, setpriv, prlimit, memory, pids, cpu, missing);
    }

    /// <summary>Every layer, as a test of the command builder would give them.</summary>
    public static IsolationLayers All(string bwrap, string setpriv, string prlimit, string memory, string pids, string cpu) =>
        new(bwrap, setpriv, prlimit, memory, pids, cpu, []);

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

    private static string? Cgroup(string controller, string probe)
    {
        var mount = Path.Combine("/sys/fs/cgroup", controller);
        if (!File.Exists(Path.Combine(mount, probe)) && !File.Exists(Path.Combine(mount, "cgroup.procs"))) return null;
        try
        {
            var dir = Path.Combine(mount, CgroupName);
            Directory.CreateDirectory(dir);
            ChildCgroups.SweepLeftovers(dir);
            return File.Exists(Path.Combine(dir, probe)) ? dir : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
