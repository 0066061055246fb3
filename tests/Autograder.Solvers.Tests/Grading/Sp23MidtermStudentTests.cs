using System.Text.Json.Nodes;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Grading;

/// <summary>
/// The filled Spring 2023 midterm copy, transcribed where it can be read
/// (problem-bank/exams/submissions/sp23-midterm-student.json), graded end to end on the canonical variant.
/// </summary>
public sealed class Sp23MidtermStudentTests
{
    private static readonly Lazy<ExamResult> Result = new(() =>
    {
        var file = Path.Combine(Bank.Root, "exams", "submissions", "sp23-midterm-student.json");
        var answers = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return ReferenceGrading.ExamGrader.Grade(Bank.Current, Bank.Current.Exam("sp23-midterm"), 0, "sp23-filled-copy", answers, canonical: true);
    });

    private static GradedPart Part(string problem, string part) =>
        Result.Value.Problems.Single(p => p.ProblemId == problem).Parts.Single(p => p.PartId == part);

    [Theory]
    // Q3a: [10, 64, 32, 32] and [10, 64, 15, 15], the floor formula applied correctly.
    [InlineData("conv-output-shapes", "first", 3)]
    [InlineData("conv-output-shapes", "second", 3)]
    // Q5b: the copy gives argmax([2, 6, 4]) = [0, 1, 0], the attention weights, not the value they select (v_2 = [2, 1]).
    [InlineData("linear-rnn-attention", "output", 0)]
    // Q8b: ∂L/∂x_1 = 0 at n = 1, right: the single element is its own mean.
    [InlineData("bn-simplified-gradient", "n_one", 2)]
    // Q9b: γ = ηλ, right.
    [InlineData("weight-decay-equivalence", "gamma", 3)]
    // Q10a: the two table entries that can be read, ‖I‖_F² = 2 and the β reconstruction 0.001, both right.
    [InlineData("purifier-losses", "regularization_a", 1)]
    [InlineData("purifier-losses", "reconstruction_b", 1)]
    // Q10b: the copy derives Ŵ = V diag(...) Vᵀ from (XᵀX + λI)⁻¹XᵀX, the right singular vectors; Ŵ acts on the
    // m-dimensional features, so the factors are U and Uᵀ.
    [InlineData("purifier-svd-form", "left", 0)]
    [InlineData("purifier-svd-form", "right", 0)]
    public void Grade_ScoresTheTranscribedAnswer_AsExpected(string problem, string part, double score)
    {
        Assert.Equal(score, Part(problem, part).Score, 6);
    }

    [Theory]
    [InlineData("left")]
    [InlineData("right")]
    public void Grade_ExplainsTheRightSingularVectors_WhenTheCopyUsesV(string part)
    {
        var graded = Part("purifier-svd-form", part);

        Assert.Equal("right-singular-vectors", graded.Rule);
        Assert.Contains("left singular vectors U", graded.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_GivesThreeQuartersForTheLambdaRange_BecauseItsEndsAreOpen()
    {
        // Q10c: 1 < λ < 4 has the right ends (σ_4² (1 − 0.5)/0.5 = 1 and σ_3² (1 − 0.8)/0.8 = 4), but "at least 80%"
        // and "at most 50%" include equality, so the range is [1, 4] and the ends-open rule gives 3 of 4 points.
        var part = Part("purifier-lambda-range", "lambda_range");

        Assert.Equal(3, part.Score, 6);
        Assert.Equal("ends-open", part.Rule);
        Assert.Equal("[1, 4]", part.Reference);
    }

    [Fact]
    public void Grade_LeavesTheWrittenAnswersToATA_AndTotalsTheAutoGradedPoints()
    {
        var pending = Result.Value.Problems.SelectMany(p => p.Parts).Where(p => p.PendingManual && p.Answer is not null).Select(p => p.PartId).ToList();

        // Derivations and explanations that could be read from the copy wait for a TA.
        Assert.Equal(["reasoning", "swap_proof", "derivation", "derivation", "derivation", "justification"], pending);
        // 6 (conv) + 2 (n = 1) + 3 (γ) + 2 (table) + 3 (λ range) out of the exam's 139.
        Assert.Equal(16, Result.Value.Score, 6);
        Assert.Equal(139, Result.Value.Max, 6);
    }
}
