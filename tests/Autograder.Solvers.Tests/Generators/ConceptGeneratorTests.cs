using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Generators;

public sealed class ConceptGeneratorTests
{
    [Fact]
    public void NormalizationDiagrams_ShufflesTheLabels_AndEveryVariantHasABatchAndALayerDiagram()
    {
        var problem = Bank.Current.Problem("normalization-diagrams");
        var orders = new HashSet<string>(StringComparer.Ordinal);
        for (var seed = 1; seed <= 200; seed++)
        {
            var answers = VariantFactory.Create(problem, seed, "s").Answers;
            var labels = new[] { "batch", "layer", "instance" }.Select(k => answers[k]!.GetValue<string>()).ToList();
            Assert.Equal(3, labels.Distinct(StringComparer.Ordinal).Count());
            orders.Add(string.Concat(labels));
        }
        Assert.Equal(6, orders.Count);
    }

    [Fact]
    public void InitializationCurves_ShufflesTheRuns_AndEachCanBeToldApart()
    {
        var problem = Bank.Current.Problem("weight-initialization");
        var orders = new HashSet<string>(StringComparer.Ordinal);
        for (var seed = 1; seed <= 200; seed++)
        {
            var variant = VariantFactory.Create(problem, seed, "s");
            var methods = new[] { "A", "B", "C" }.Select(l => variant.Answers[l]!.GetValue<string>()).ToList();
            Assert.Equal(["he", "xavier", "zero"], methods.Order(StringComparer.Ordinal));
            orders.Add(string.Join(",", methods));
            // Accuracies are whole percents, so the table prints without rounding.
            Assert.All(variant.Params["curves"]!.AsArray(), c =>
                Assert.True(c!["relu"]!.GetValue<double>() % 1 == 0 && c["sigmoid"]!.GetValue<double>() % 1 == 0));
        }
        Assert.Equal(6, orders.Count);
    }
}
