using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Validation;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Variants;

public sealed class GraderTests
{
    private static Core.Grading.ProblemResult Grade(string problemId, string answersJson, long? seed = null)
    {
        var problem = Bank.Current.Problem(problemId);
        var variant = seed is long s ? VariantFactory.Create(problem, s, "s001") : VariantFactory.Canonical(problem);
        return ReferenceGrading.Grader.Grade(problem, variant, JsonNode.Parse(answersJson)!.AsObject());
    }

    [Fact]
    public void Grade_FiresGreedyRule_WhenBeamAnswerIsTheGreedySequence()
    {
        var part = Grade("beam-search-tree", """{"beam": "deep deep deep"}""").Parts.Single(p => p.PartId == "beam");
        Assert.Equal("greedy-for-beam", part.Rule);
        Assert.Equal(0, part.Score);
        Assert.Contains("best 2 partial sequences", part.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_GivesDeclaredCredit_WhenConvSizeIsRoundedUp()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var variant = VariantFactory.Create(Bank.Current.Problem("conv-output-shapes"), seed, "s001");
            var noFloor = variant.Mistakes["cases"]![1]!["no_floor"]!["output"]!.ToJsonString();
            var part = Grade("conv-output-shapes", $$"""{"second": {{noFloor}}}""", seed).Parts.Single(p => p.PartId == "second");
            Assert.Equal("no-floor", part.Rule);
            Assert.Equal(1.5, part.Score, 9);
        }
    }

    [Fact]
    public void Grade_FiresMeanTermRule_ForBatchNormGradientWithoutIt()
    {
        var part = Grade("bn-simplified-gradient", """{"gradient": "[2, -4, 8]"}""").Parts.Single(p => p.PartId == "gradient");
        Assert.Equal("no-mean-term", part.Rule);
        Assert.Equal(1.5, part.Score, 9);
    }

    [Fact]
    public void Grade_FiresSwappedRule_ForPurifierIntervalWithEndsSwapped()
    {
        var part = Grade("purifier-lambda-range", """{"lambda_range": "4 <= λ <= 1"}""").Parts.Single(p => p.PartId == "lambda_range");
        Assert.Equal("ends-swapped", part.Rule);
        Assert.Equal(1, part.Score, 9);
    }

    [Fact]
    public void Grade_CarriesErrorForward_FromStudentsOwnKeys()
    {
        var result = Grade("linear-rnn-attention", """{"keys": [[-1, 1], [1, 1], [6, 2]], "values": [[0, 1], [2, 1], [4, -2]], "query": [2, 4], "output": [4, -2]}""");
        var output = result.Parts.Single(p => p.PartId == "output");
        Assert.Equal("carry-forward", output.Rule);
        Assert.Equal(4, output.Score, 9);
        Assert.Equal(0, result.Parts.Single(p => p.PartId == "keys").Score);
    }

    [Fact]
    public void Grade_GivesNoCarryForward_WhenOutputFollowsFromNothing()
    {
        var output = Grade("linear-rnn-attention", """{"keys": [[-1, 1], [1, 1], [6, 2]], "values": [[0, 1], [2, 1], [4, -2]], "query": [2, 4], "output": [0, 1]}""")
            .Parts.Single(p => p.PartId == "output");
        Assert.Null(output.Rule);
        Assert.Equal(0, output.Score);
    }

    [Fact]
    public void Grade_MarksFormatError_AndKeepsGradingOtherParts()
    {
        var result = Grade("argmax-attention", """{"scores": "3, eleven, 5, 2", "output": [1, 4, 3]}""");
        var scores = result.Parts.Single(p => p.PartId == "scores");
        Assert.True(scores.FormatError);
        Assert.Contains("'eleven'", scores.Feedback, StringComparison.Ordinal);
        Assert.Equal(4, result.Score, 9);
    }

    [Fact]
    public void Grade_RefusesAnswers_ForPartsTheProblemDoesNotHave()
    {
        var e = Assert.Throws<BadInputException>(() => Grade("argmax-attention", """{"score": [3, 11, 5, 2]}"""));
        Assert.Equal("answers.score", e.Field);
    }

    [Fact]
    public void Grade_LeavesManualParts_PendingForTheTa()
    {
        var part = Grade("bn-simplified-gradient", """{"derivation": "chain rule through the mean"}""").Parts.Single(p => p.PartId == "derivation");
        Assert.True(part.PendingManual);
        Assert.Equal("chain rule through the mean", part.Understood);
    }
}
