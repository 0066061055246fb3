using Autograder.Sandbox.Isolation;

namespace Autograder.Sandbox.Tests.Isolation;

public sealed class ChildCommandTests
{
    private static readonly IsolationLayers Every = IsolationLayers.All("/usr/bin/bwrap", "/usr/bin/setpriv", "/usr/bin/prlimit",
        "/sys/fs/cgroup/memory/autograder-sandbox", "/sys/fs/cgroup/pids/autograder-sandbox", "/sys/fs/cgroup/cpu/autograder-sandbox");

    [Fact]
    public void Build_GivesTheExactLayeredCommand_WhenEveryLayerExists()
    {
        var options = new SandboxOptions { CpuSeconds = 30, MaxOpenFiles = 128, MaxFileMb = 4, MaxProcesses = 32, UserId = 65534, MaxMemoryMb = 512 };
        var spec = new ChildSpec("/usr/share/dotnet", "/tmp/runner", "Runner.dll",
            ["/sys/fs/cgroup/memory/autograder-sandbox/c1-1", "/sys/fs/cgroup/pids/autograder-sandbox/c1-1"], ["/dev/nvidia0"]);

        var command = ChildCommand.Build(Every, options, spec);

        string[] expected =
        [
            "/bin/sh", "-c",
            "echo $$ > /sys/fs/cgroup/memory/autograder-sandbox/c1-1/cgroup.procs || exit 97; echo $$ > /sys/fs/cgroup/pids/autograder-sandbox/c1-1/cgroup.procs || exit 97; exec \"$@\" 3>&1 1>/dev/null",
            "sh",
            "/usr/bin/prlimit", "--cpu=30:30", "--nofile=128:128", "--fsize=4194304:4194304", "--core=0:0", "--nproc=512:512", "--",
            "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
            "/usr/bin/bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL",
            "--setenv", "DOTNET_CLI_TELEMETRY_OPTOUT", "1", "--setenv", "DOTNET_EnableDiagnostics", "0", "--setenv", "DOTNET_GCHeapHardLimit", "20000000",
            "--setenv", "DOTNET_TieredPGO", "0", "--setenv", "DOTNET_gcServer", "0", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp",
            "--ro-bind-try", "/lib", "/lib", "--ro-bind-try", "/lib64", "/lib64", "--ro-bind-try", "/usr/lib", "/usr/lib", "--ro-bind-try", "/usr/lib64", "/usr/lib64",
            "--ro-bind", "/usr/share/dotnet", "/usr/share/dotnet", "--ro-bind", "/tmp/runner", "/runner", "--proc", "/proc", "--dev", "/dev",
            "--dev-bind", "/dev/nvidia0", "/dev/nvidia0",
            "--size", "8388608", "--tmpfs", "/tmp", "--chdir", "/tmp", "--",
            "/usr/share/dotnet/dotnet", "/runner/Runner.dll",
        ];
        Assert.Equal(expected, command);
    }

    [Fact]
    public void Build_RunsTheRunnerFromItsFolder_WhenNoLayerExists()
    {
        var none = new IsolationLayers(null, null, null, null, null, null, [new MissingLayer("bubblewrap", "install it")]);

        var command = ChildCommand.Build(none, new SandboxOptions(), new ChildSpec("/opt/dotnet", "/tmp/runner", "Runner.dll", [], []));

        Assert.Equal(["/bin/sh", "-c", "exec \"$@\" 3>&1 1>/dev/null", "sh", "/opt/dotnet/dotnet", "/tmp/runner/Runner.dll"], command);
    }
}
