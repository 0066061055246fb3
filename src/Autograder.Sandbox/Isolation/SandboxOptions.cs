namespace Autograder.Sandbox.Isolation;

/// <summary>
/// Settings of the compiler process and of the child processes that run submissions (configuration section <c>Sandbox</c>).
/// The defaults suit one grading worker per machine.
/// </summary>
public sealed record SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>How many children wait, started, for a job.</summary>
    public int PoolSize { get; init; } = 2;

    /// <summary>The memory ceiling a child starts under; a question's lower limit is applied when the job arrives.</summary>
    public int MaxMemoryMb { get; init; } = 1024;

    /// <summary>CPU seconds one child may use in all (RLIMIT_CPU), whatever its tests' wall-clock limits.</summary>
    public int CpuSeconds { get; init; } = 60;

    /// <summary>Processes and threads one child may have (pids cgroup; .NET itself needs about 15).</summary>
    public int MaxProcesses { get; init; } = 64;

    public int MaxOpenFiles { get; init; } = 256;

    /// <summary>Largest file the child may write in its private /tmp.</summary>
    public int MaxFileMb { get; init; } = 16;

    /// <summary>The unprivileged user the child runs as (nobody).</summary>
    public int UserId { get; init; } = 65534;

    /// <summary>
    /// For development only: run code even when a process layer is missing (bubblewrap, setpriv, prlimit, cgroups). Every
    /// result then says "ran without isolation: &lt;layers&gt;". When false (the default) a missing layer stops code grading.
    /// </summary>
    public bool AllowMissingLayers { get; init; }

    /// <summary>Wall-clock limit of one compilation; past it the compiler process is killed and restarted.</summary>
    public int CompileTimeoutMs { get; init; } = 5000;

    /// <summary>Memory limit of the compiler process (its cgroup; its .NET heap gets three quarters of it).</summary>
    public int CompilerMemoryMb { get; init; } = 1024;

    /// <summary>
    /// The folder of Autograder.Sandbox.TensorRunner (its build or publish output, with libtorch) for TorchSharp questions;
    /// when null: $AUTOGRADER_TENSOR_RUNNER, then tensor-runner/ beside the application, then the folder it was built to.
    /// </summary>
    public string? TensorRunnerDirectory { get; init; }

    /// <summary>The memory ceiling a TorchSharp child starts under (libtorch alone takes about 150 MB).</summary>
    public int TensorMaxMemoryMb { get; init; } = 2048;
}
