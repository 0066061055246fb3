using Autograder.Core.Grading;

namespace Autograder.Core.Tests.Grading;

public sealed class LatePenaltyTests
{
    private static GradedPart Part(string id, double score, double max) =>
        new(id, "prompt", "number", score, max, "feedback", null, false, "1", "1", PartPending.None, []);

    private static ExamResult Result() => new("exam", "Exam", 1, "s001", false, 0, 0, DateTimeOffset.UnixEpoch, "test",
        [new GradedProblem("p1", "One", 0, 10, [], [Part("a", 4, 5), Part("b", 2.5, 5)]), new GradedProblem("p2", "Two", 0, 4, [], [Part("a", 3, 4)])]);

    [Fact]
    public void WithLate_TakesThePenaltyOffTheTotalOnly_AndKeepsItWhenTotalsAreMadeAgain()
    {
        var late = Result().WithLate(new LatePenalty(TimeSpan.FromHours(30), 20));

        Assert.Equal((9.5, 7.6, 14.0), (late.RawScore, late.Score, late.Max));
        Assert.Equal([6.5, 3.0], late.Problems.Select(p => p.Score));
        var regraded = (late with { Problems = [late.Problems[0] with { Parts = [Part("a", 5, 5), Part("b", 5, 5)] }, late.Problems[1]] }).WithTotals();
        Assert.Equal((13.0, 10.4), (regraded.RawScore, regraded.Score));
        Assert.Equal((9.5, 9.5), (Result().WithLate(null).Score, Result().WithLate(null).RawScore));
    }

    [Fact]
    public void ToJson_CarriesTheLatePenaltyOnlyWhenLate_AndReadsItBack()
    {
        var late = Result().WithLate(new LatePenalty(TimeSpan.FromMinutes(90), 15));
        var json = late.ToJson();
        var back = ExamResult.FromJson(json);

        Assert.Equal((90.0, 15.0, 9.5), ((double)json["late"]!["minutes"]!, (double)json["late"]!["penalty_percent"]!, (double)json["late"]!["raw_score"]!));
        Assert.Equal(late.Late, back.Late);
        Assert.Equal(late.Score, back.Score);
        Assert.False(Result().WithTotals().ToJson().ContainsKey("late"));
        Assert.Null(ExamResult.FromJson(Result().WithTotals().ToJson()).Late);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(25, 7.5)]
    [InlineData(100, 0)]
    [InlineData(150, 0)]
    public void Apply_DeductsThePercentOfTheTotal_NeverBelowZero(double percent, double expected) =>
        Assert.Equal(expected, new LatePenalty(TimeSpan.FromDays(1), percent).Apply(10), 9);
}
