using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Templates;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Grading;

/// <summary>
/// Answer keys for the Spring 2023 midterm questions 3b/c, 6 to 10 and Homework 8, worked out from the questions
/// (the filled copy is not always right), graded through the exam on the canonical variant.
/// </summary>
public sealed class Sp23AnswerKeyTests
{
    private static readonly JsonObject MidtermKey = JsonNode.Parse("""
        {
          "filter-design": {"vertical_edge": "-1 0 1; -2 0 2; -1 0 1", "blur": "0 1/8 0; 1/8 1/2 1/8; 0 1/8 0"},
          "weight-initialization": {"A": "zero", "B": "xavier", "C": "he"},
          "augmentation-split-bug": {"bug": "augment-before-split"},
          "point-cloud-invariance": {"invariant_groupings": "knn-sorted, radius-sorted, radius-distance", "max_pool_like": "farthest"},
          "normalization-diagrams": {"batch": "A", "layer": "B"},
          "adam-update-lines": {"A": "β1 m + (1 − β1) g", "B": "β2 v + (1 − β2) g²"},
          "weight-decay-equivalence": {"gamma": "η λ"},
          "purifier-svd-form": {"left": "U", "right": "Ut"}
        }
        """)!.AsObject();

    [Fact]
    public void MidtermKey_GetsEveryAutoGradedPointOfTheNewQuestions()
    {
        var result = ReferenceGrading.ExamGrader.Grade(Bank.Current, Bank.Current.Exam("sp23-midterm"), 0, "key", MidtermKey, canonical: true);

        foreach (var problem in result.Problems.Where(p => MidtermKey.ContainsKey(p.ProblemId)))
        {
            foreach (var part in problem.Parts.Where(p => !p.PendingManual))
                Assert.True(Math.Abs(part.Score - part.Max) < 1e-9, $"{problem.ProblemId}.{part.PartId}: {part.Score}/{part.Max} {part.Feedback}");
        }
    }

    [Fact]
    public void Hw8Key_GetsEveryAutoGradedPoint()
    {
        var key = JsonNode.Parse("""
            {"random-feature-attention": {
              "softmax_as_gaussian": "K exp((qq + kk) / (2 sqrt(D)))",
              "random_feature_cost": "O(N D_r D + N D_r M)",
              "causal_cost": "O(N D^2 M)"}}
            """)!.AsObject();

        var result = ReferenceGrading.ExamGrader.Grade(Bank.Current, Bank.Current.Exam("sp23-hw8"), 0, "key", key, canonical: true);

        // Written parts wait for a TA and the code question for the sandbox.
        var waiting = result.Problems.SelectMany(p => p.Parts).Where(p => p.PendingManual || p.Type == "code").Sum(p => p.Max);
        Assert.Equal(result.Max - waiting, result.Score, 6);
    }

    [Theory]
    [InlineData("sp23-midterm", 139)]
    [InlineData("sp23-hw8", 34)]
    public void Exam_Loads_AndItsPointsAddUp(string examId, double total)
    {
        var exam = Bank.Current.Exam(examId);

        Assert.Equal(total, exam.TotalPoints, 9);
        Assert.All(exam.Problems, p => Assert.NotNull(Bank.Current.Problem(p.ProblemId).Canonical));
    }

    [Fact]
    public void AdamStatement_ShowsTheSeedsHyperparameters_WhenCanonical()
    {
        var problem = Bank.Current.Problem("adam-update-lines");
        var variant = VariantFactory.Canonical(problem);
        var statement = StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);

        Assert.Contains("$\\eta = 0.001$, $\\beta_1 = 0.9$ and $\\beta_2 = 0.999$", statement, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> Statements()
    {
        var data = new TheoryData<string, int>();
        string[] ids =
        [
            "filter-design", "weight-initialization", "augmentation-split-bug", "point-cloud-invariance", "normalization-diagrams",
            "adam-update-lines", "weight-decay-equivalence", "purifier-svd-form", "hand-designed-transformer", "random-feature-attention",
            "autoencoder-latent-size", "deep-network-debugging",
        ];
        foreach (var id in ids)
        {
            for (var seed = 1; seed <= 3; seed++) data.Add(id, seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_RendersEveryPlaceholder_ForThreeSeeds(string problemId, int seed)
    {
        var problem = Bank.Current.Problem(problemId);
        var variant = VariantFactory.Create(problem, seed, "s1");
        var statement = StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);

        Assert.DoesNotContain("{{", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", statement, StringComparison.Ordinal);
        Assert.All(problem.Parts.Where(p => p.Type != AnswerType.Manual), p => Assert.False(string.IsNullOrWhiteSpace(p.Prompt)));
    }
}
