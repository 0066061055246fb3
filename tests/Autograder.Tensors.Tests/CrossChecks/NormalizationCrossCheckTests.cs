using Autograder.Core.Bank;
using Autograder.Solvers.Variants;
using Autograder.Tensors.CrossChecks;

namespace Autograder.Tensors.Tests.CrossChecks;

public sealed class NormalizationCrossCheckTests
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> TorchAxes = new(() =>
        new[] { "batch", "layer", "instance" }.ToDictionary(k => k, k => NormalizationCrossChecks.PooledAxes(k).ToHashSet(StringComparer.Ordinal)));

    [Fact]
    public void PooledAxes_FindsWhatTorchNormalizesTogether()
    {
        Assert.Equal(["N", "H", "W"], NormalizationCrossChecks.PooledAxes("batch"));
        Assert.Equal(["C", "H", "W"], NormalizationCrossChecks.PooledAxes("layer"));
        Assert.Equal(["H", "W"], NormalizationCrossChecks.PooledAxes("instance"));
    }

    [Fact]
    public void DiagramSolver_AgreesWithTorch_OnGeneratedVariants()
    {
        var root = FindBank();
        var problem = BankLoader.LoadProblem(root, Path.Combine(root, "normalization", "normalization-diagrams", "problem.yaml"));
        for (var seed = 1; seed <= 12; seed++)
        {
            var variant = VariantFactory.Create(problem, seed, "s");
            foreach (var (kind, axes) in TorchAxes.Value)
            {
                // The diagram whose shaded axes are the ones torch's layer of this kind pools.
                var label = variant.Params["diagrams"]!.AsArray()
                    .Single(d => d!["over"]!.AsArray().Select(a => a!.GetValue<string>()).ToHashSet(StringComparer.Ordinal).SetEquals(axes))!["label"]!.GetValue<string>();
                Assert.Equal(label, variant.Answers[kind]!.GetValue<string>());
            }
        }
    }

    private static string FindBank()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "problem-bank");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("problem-bank not found above " + AppContext.BaseDirectory);
    }
}
