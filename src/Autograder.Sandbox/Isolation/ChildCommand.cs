using System.Globalization;

namespace Autograder.Sandbox.Isolation;

/// <summary>What one child runs: the runner dll in its folder (bound read-only as /runner), on the runtime in <see cref="DotnetRoot"/>.</summary>
internal sealed record ChildSpec(string DotnetRoot, string RunnerDir, string RunnerName, IReadOnlyList<string> Cgroups, IReadOnlyList<string> DeviceNodes);

/// <summary>
/// Builds the command line and environment of a child from the layers that exist, with no I/O of its own: a shell that
/// joins the cgroups, moves the result channel to file descriptor 3 and stdout to /dev/null, then execs prlimit, setpriv
/// to an unprivileged user, and bwrap with no network, a read-only view of only the .NET runtime and the runner, and a
/// private /tmp.
/// </summary>
internal static class ChildCommand
{
    public static IReadOnlyDictionary<string, string> Environment(SandboxOptions options, int memoryMb) => new Dictionary<string, string>
    {
        ["HOME"] = "/tmp",
        ["TMPDIR"] = "/tmp",
        ["DOTNET_EnableDiagnostics"] = "0",
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_GCHeapHardLimit"] = ((long)memoryMb << 20).ToString("X", CultureInfo.InvariantCulture),
    };

    /// <summary>The shell prefix that joins <paramref name="cgroups"/> before exec, so everything the child starts is inside from its first instruction.</summary>
    public static IReadOnlyList<string> JoinThenExec(IReadOnlyList<string> cgroups, string redirections) =>
        ["/bin/sh", "-c", string.Concat(cgroups.Select(c => $"echo $$ > {c}/cgroup.procs || exit 97; ")) + "exec \"$@\"" + redirections, "sh"];

    public static IReadOnlyList<string> Build(IsolationLayers layers, SandboxOptions options, ChildSpec spec)
    {
        var command = new List<string>(JoinThenExec(spec.Cgroups, " 3>&1 1>/dev/null"));
        if (layers.Prlimit is { } prlimit)
        {
            var fileBytes = (long)options.MaxFileMb << 20;
            command.AddRange([prlimit,
                $"--cpu={options.CpuSeconds}:{options.CpuSeconds}", $"--nofile={options.MaxOpenFiles}:{options.MaxOpenFiles}",
                $"--fsize={fileBytes}:{fileBytes}", "--core=0:0",
                $"--nproc={options.MaxProcesses * 16}:{options.MaxProcesses * 16}", "--"]);
        }
        if (layers.Setpriv is { } setpriv)
            command.AddRange([setpriv, $"--reuid={options.UserId}", $"--regid={options.UserId}", "--clear-groups", "--"]);
        string runnerDll;
        if (layers.Bwrap is { } bwrap)
        {
            command.AddRange([bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL"]);
            foreach (var (k, v) in Environment(options, options.MaxMemoryMb).OrderBy(e => e.Key, StringComparer.Ordinal)) command.AddRange(["--setenv", k, v]);
            foreach (var lib in new[] { "/lib", "/lib64", "/usr/lib", "/usr/lib64" })
                command.AddRange(["--ro-bind-try", lib, lib]);
            command.AddRange(["--ro-bind", spec.DotnetRoot, spec.DotnetRoot, "--ro-bind", spec.RunnerDir, "/runner", "--proc", "/proc", "--dev", "/dev"]);
            // A TorchSharp child may use the GPU: its device nodes, where the machine has them (the driver's libraries are under /usr/lib).
            foreach (var node in spec.DeviceNodes) command.AddRange(["--dev-bind", node, node]);
            command.AddRange(["--size", ((long)options.MaxFileMb << 21).ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp", "--chdir", "/tmp", "--"]);
            runnerDll = "/runner/" + spec.RunnerName;
        }
        else
        {
            runnerDll = Path.Combine(spec.RunnerDir, spec.RunnerName);
        }
        command.AddRange([Path.Combine(spec.DotnetRoot, "dotnet"), runnerDll]);
        return command;
    }
}
