using System.Reflection;

namespace Autograder.Sandbox.Isolation;

/// <summary>
/// Finds the TorchSharp runner's folder: the option, then $AUTOGRADER_TENSOR_RUNNER, then tensor-runner/ beside the
/// application, then the folder the build wrote it to. The grader itself never loads libtorch from it.
/// </summary>
internal static class TensorRunnerLocator
{
    public const string RunnerDll = "Autograder.Sandbox.TensorRunner.dll";

    public const string EnvironmentVariable = "AUTOGRADER_TENSOR_RUNNER";

    public static string Find(SandboxOptions options)
    {
        // A folder named on purpose must hold the runner: falling back to another one would hide a deployment mistake.
        var named = options.TensorRunnerDirectory ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(named))
        {
            return Holds(named) ? Path.GetFullPath(named)
                : throw new InvalidOperationException($"the tensor runner folder '{named}' holds no {RunnerDll} with TorchSharp.dll beside it");
        }
        var built = typeof(TensorRunnerLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TensorRunnerBuildFolder")?.Value;
        string?[] candidates = [Path.Combine(AppContext.BaseDirectory, "tensor-runner"), built];
        var found = candidates.FirstOrDefault(dir => !string.IsNullOrEmpty(dir) && Holds(dir));
        return found is null
            ? throw new InvalidOperationException($"TorchSharp questions need the tensor runner ({RunnerDll} with TorchSharp and libtorch): "
                + $"build src/Autograder.Sandbox.TensorRunner, or set {EnvironmentVariable} to its output folder")
            : Path.GetFullPath(found);
    }

    private static bool Holds(string dir) => File.Exists(Path.Combine(dir, RunnerDll)) && File.Exists(Path.Combine(dir, "TorchSharp.dll"));
}
