using Autograder.Sandbox.Isolation;

namespace Autograder.Sandbox.Tests.Isolation;

public sealed class TensorRunnerLocatorTests : IDisposable
{
    private readonly string _empty = Directory.CreateTempSubdirectory("autograder-no-runner-").FullName;

    [Fact]
    public void Find_ByDefault_FindsTheBuiltRunnerWithTorchSharp_WhileTheGraderFolderHasNoLibtorch()
    {
        var dir = TensorRunnerLocator.Find(new SandboxOptions());

        Assert.True(File.Exists(Path.Combine(dir, TensorRunnerLocator.RunnerDll)));
        Assert.True(File.Exists(Path.Combine(dir, "TorchSharp.dll")));
        Assert.True(File.Exists(Path.Combine(dir, "libtorch_cpu.so")));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "libtorch_cpu.so")));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "TorchSharp.dll")));
    }

    [Fact]
    public void Find_WithANamedFolderThatLacksTheRunner_RefusesInsteadOfFallingBack()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TensorRunnerLocator.Find(new SandboxOptions { TensorRunnerDirectory = _empty }));

        Assert.Contains(_empty, error.Message, StringComparison.Ordinal);
        Assert.Contains(TensorRunnerLocator.RunnerDll, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_empty, recursive: true);
}
