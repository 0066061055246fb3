using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Generators;

/// <summary>The Fall 2022 midterm and Homework 6 generators keep their questions meaningful, checked on 200 seeds.</summary>
public sealed class Fall2022GeneratorTests
{
    private static IEnumerable<Core.Variants.Variant> Variants(string problemId) =>
        Enumerable.Range(1, 200).Select(seed => VariantFactory.Create(Bank.Current.Problem(problemId), seed, "s"));

    [Fact]
    public void CircularShift_QueriesDifferFromTheirImages_AndCoverBothEdges()
    {
        foreach (var v in Variants("circular-shift-invariance"))
        {
            var images = v.Params["images"]!.AsArray().Select(i => i!.ToJsonString()).ToList();
            Assert.All(v.Params["queries"]!.AsArray(), q => Assert.DoesNotContain(q!.ToJsonString(), images));
            var matched = v.Answers["matches"]!.AsArray().Select(m => m!["image"]!.GetValue<int>()).Order().ToArray();
            Assert.Equal(new[] { 0, 1 }, matched);
        }
    }

    [Fact]
    public void GnnGraph_AskedNodesHaveDifferentNeighborCounts_AndOneTrainingNodeOfClassZero()
    {
        foreach (var v in Variants("gnn-small-graph"))
        {
            var counts = v.Answers["neighbor_counts"]!.AsArray().Select(c => c!.GetValue<int>()).ToArray();
            Assert.NotEqual(counts[0], counts[1]);
            Assert.Single(v.Answers["loss_formula"]!.GetValue<string>().Split("log(1 - ").Skip(1));
        }
    }

    [Fact]
    public void GnnRules_MixValidAndInvalidRules()
    {
        foreach (var v in Variants("gnn-update-validity"))
        {
            var verdicts = v.Answers["verdicts"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
            Assert.Contains("valid", verdicts);
            Assert.Contains("invalid", verdicts);
        }
    }

    [Fact]
    public void Translation_TrainingAndGenerationInputsDiffer()
    {
        foreach (var v in Variants("translation-decoder-inputs"))
            Assert.NotEqual(v.Answers["training"]!.ToJsonString(), v.Answers["generation"]!.ToJsonString());
    }

    [Fact]
    public void UnrolledRnn_InputsAreDistinct()
    {
        foreach (var v in Variants("rnn-backprop-graph"))
        {
            var u = v.Params["u"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            Assert.Equal(u.Length, u.Distinct().Count());
        }
    }

    [Fact]
    public void Pca_TopEigenvalueIsSeparatedFromTheRest()
    {
        foreach (var v in Variants("pca-autoencoder"))
        {
            var values = v.Answers["eigenvalues"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            Assert.True(values[0] - values[1] > 0.5);
        }
    }
}
