using Autograder.Core.Inputs;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Generators;

/// <summary>Each generator keeps its question meaningful on every variant, checked on 200 seeds.</summary>
public sealed class GeneratorConstraintTests
{
    private static IEnumerable<Core.Variants.Variant> Variants(string problemId) =>
        Enumerable.Range(1, 200).Select(seed => VariantFactory.Create(Bank.Current.Problem(problemId), seed, "s"));

    [Fact]
    public void BeamTree_BeamAndGreedyAlwaysDiffer()
    {
        foreach (var v in Variants("beam-search-tree"))
            Assert.NotEqual(v.Answers["greedy"]!["sequence"]!.ToJsonString(), v.Answers["beam"]!["sequence"]!.ToJsonString());
    }

    [Fact]
    public void EosBeamTree_BeamShrinksBeforeTheLastStep()
    {
        foreach (var v in Variants("beam-search-eos"))
        {
            var completed = v.Answers["completed"]!.AsArray();
            Assert.Equal(2, completed.Count);
            Assert.Contains(completed, c => c!["sequence"]!.AsArray()[^1]!.GetValue<string>() == "<EOS>");
            Assert.True(completed.Min(c => c!["sequence"]!.AsArray().Count) < v.Answers["beam_steps"]!.AsArray().Count);
        }
    }

    [Theory]
    [InlineData("argmax-attention")]
    [InlineData("linear-rnn-attention")]
    public void Attention_HasNoTieForTheBestKey(string problemId)
    {
        foreach (var v in Variants(problemId))
        {
            var scores = v.Answers["scores"]!.AsArray().Select(s => s.AsDouble()).ToArray();
            Assert.Equal(1, scores.Count(s => s == scores.Max()));
        }
    }

    [Fact]
    public void PurifierRange_IntervalIsNeverEmpty()
    {
        foreach (var v in Variants("purifier-lambda-range"))
        {
            var interval = v.Answers["interval"];
            Assert.NotNull(interval);
            Assert.True(interval!["low"].AsDouble() < interval["high"].AsDouble());
        }
    }

    [Fact]
    public void ConvShapes_SecondCaseNeedsTheFloor()
    {
        foreach (var v in Variants("conv-output-shapes"))
        {
            var right = v.Answers["cases"]![1]!["output"]!.ToJsonString();
            var noFloor = v.Mistakes["cases"]![1]!["no_floor"]!["output"]!.ToJsonString();
            Assert.NotEqual(right, noFloor);
        }
    }

    [Fact]
    public void BatchNorm_MeanTermAlwaysMatters()
    {
        foreach (var v in Variants("bn-simplified-gradient"))
            Assert.NotEqual(v.Answers["dL_dx"]!.ToJsonString(), v.Mistakes["no_mean_term"]!["dL_dx"]!.ToJsonString());
    }
}
