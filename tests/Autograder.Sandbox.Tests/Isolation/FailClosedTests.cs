using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Isolation;
using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests.Isolation;

/// <summary>With a layer missing (here: bubblewrap, setpriv and prlimit off PATH) the grader refuses, unless the development setting allows it and says so.</summary>
[Collection(SandboxCollection.Name)]
public sealed class FailClosedTests
{
    private static T WithoutTools<T>(Func<T> action)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", "/nonexistent");
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Fact]
    public void Grader_Refuses_NamingThePackage_WhenALayerIsMissing()
    {
        var error = Assert.Throws<SandboxUnavailableException>(() => WithoutTools(() => new CodeGrader()));

        Assert.Contains("Debian package bubblewrap", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowMissingLayers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryResult_SaysItRanWithoutIsolation_WhenMissingLayersAreAllowed()
    {
        await using var grader = WithoutTools(() => new CodeGrader(new SandboxOptions { AllowMissingLayers = true, PoolSize = 1 }, SandboxFixture.Solve));
        var reference = await File.ReadAllTextAsync(Path.Combine(SandboxFixture.Bank, "code", "conv-shape-function", "reference", "Solution.cs"));

        var result = await grader.GradeAsync(SandboxFixture.HostileQuestion, reference, 1, CancellationToken.None);

        Assert.Equal(Verdicts.Passed, result.Verdict);
        Assert.StartsWith("ran without isolation: bubblewrap, setpriv, prlimit", result.Isolation, StringComparison.Ordinal);
        Assert.Equal(result.Isolation, result.ToJson()["isolation"]!.GetValue<string>());
    }
}
