using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Grading;

public sealed class ExamGraderTests
{
    private static readonly ExamDefinition Exam = Bank.Current.Exam("sp23-midterm");

    /// <summary>The reference answer of every auto-graded part of the student's own variant.</summary>
    private static JsonObject ReferenceAnswers(long seed, string student)
    {
        var answers = new JsonObject();
        foreach (var item in Exam.Problems)
        {
            var problem = Bank.Current.Problem(item.ProblemId);
            var variant = VariantFactory.Create(problem, seed, student);
            var own = new JsonObject();
            foreach (var part in problem.Parts.Where(p => p.Type != AnswerType.Manual))
                own[part.Id] = Grader.Reference(part, variant).Value?.DeepClone() ?? JsonValue.Create("empty");
            answers[item.ProblemId] = own;
        }
        return answers;
    }

    [Theory]
    [InlineData(2026, "s001")]
    [InlineData(7, "s042")]
    public void Grade_GivesEveryAutoGradedPoint_WhenTheAnswersAreTheStudentsOwnReferences(long seed, string student)
    {
        var result = ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, seed, student, ReferenceAnswers(seed, student));

        var manual = result.Problems.SelectMany(p => p.Parts).Where(p => p.PendingManual).Sum(p => p.Max);
        Assert.Equal(result.Max - manual, result.Score, 6);
        Assert.Equal(Exam.TotalPoints, result.Max);
        foreach (var problem in result.Problems)
            Assert.Equal(problem.Max, problem.Parts.Sum(p => p.Max), 6);
    }

    [Fact]
    public void Grade_ScoresAnotherStudentsReferencesLower_WhenVariantsDiffer()
    {
        var mine = ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 2026, "s001", ReferenceAnswers(2026, "s001"));
        var copied = ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 2026, "s002", ReferenceAnswers(2026, "s001"));

        Assert.True(copied.Score < mine.Score, $"copied {copied.Score} vs own {mine.Score}");
    }

    [Fact]
    public void Grade_GivesNoAnswerFeedback_ForProblemsLeftOut()
    {
        var result = ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 1, "s001", []);

        Assert.Equal(0, result.Score);
        Assert.All(result.Problems.SelectMany(p => p.Parts).Where(p => !p.PendingManual),
            p => Assert.Equal("No answer was given.", p.Feedback));
    }

    [Fact]
    public void Grade_NamesTheField_WhenAProblemIsNotInTheExam()
    {
        var e = Assert.Throws<BadInputException>(() => ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 1, "s001", new JsonObject { ["no-such"] = new JsonObject() }));

        Assert.Equal("answers.no-such", e.Field);
    }

    [Fact]
    public void Grade_NamesTheProblemAndPart_WhenAPartIsUnknown()
    {
        var answers = new JsonObject { ["conv-output-shapes"] = new JsonObject { ["third"] = 1 } };

        var e = Assert.Throws<BadInputException>(() => ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 1, "s001", answers));

        Assert.Equal("answers.conv-output-shapes.third", e.Field);
    }

    [Fact]
    public void ToJson_RoundTrips_WithOverridesManualGradesAndCodeTests()
    {
        var graded = ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 5, "s007", ReferenceAnswers(5, "s007"), gradedAt: new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var first = graded.Problems[0];
        var part = first.Parts[0] with
        {
            Tests = [new CodeTestOutcome("visible-1", "wrong_answer", "expected 3, got 4", 0, 1)],
            Manual = new ManualGrade(["units"], 1.5, "Good", "ta1", new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero)),
        };
        var result = graded with
        {
            StudentName = "Ada",
            SubmittedAt = new DateTimeOffset(2026, 11, 26, 9, 59, 0, TimeSpan.Zero),
            Problems = [first with { Parts = [part, .. first.Parts.Skip(1)] }, .. graded.Problems.Skip(1)],
            Overrides = [new ScoreOverride(first.ProblemId, part.PartId, 0, 1, "ta1", new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), "typo in the key")],
        };

        var json = result.ToJson();
        var back = ExamResult.FromJson(JsonNode.Parse(json.ToJsonString())!.AsObject());

        Assert.True(JsonNode.DeepEquals(json, back.ToJson()), back.ToJson().ToJsonString());
        Assert.Equal("Ada", back.StudentName);
        Assert.Equal("wrong_answer", back.Problems[0].Parts[0].Tests[0].Verdict);
        Assert.Equal(["units"], back.Problems[0].Parts[0].Manual!.CheckedItems);
    }

    [Fact]
    public void FromJson_NamesTheField_WhenAScoreIsNotANumber()
    {
        var json = ReferenceGrading.ExamGrader.Grade(Bank.Current, Exam, 1, "s001", []).ToJson();
        json["problems"]![0]!["score"] = "lots";

        var e = Assert.Throws<BadInputException>(() => ExamResult.FromJson(json));

        Assert.Equal("problems[0].score", e.Field);
    }
}
