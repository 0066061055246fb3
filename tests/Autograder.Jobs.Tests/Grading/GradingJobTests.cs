using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Regrading;
using Autograder.Jobs.Tests.Support;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Grading;

public sealed class GradingJobTests : IAsyncLifetime
{
    private CourseScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await CourseScenario.StartAsync(students: 4);

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task Publish_StoresOneVariantPerStudentAndProblem_WithVersionsAndSeed()
    {
        var problems = scenario.Bank.Exam(CourseScenario.ExamId).Problems;
        await using var db = scenario.Db();
        var variants = await db.Variants.Where(v => v.ExamId == scenario.Exam.Id).ToListAsync();
        Assert.Equal(4 * problems.Count, variants.Count);
        Assert.All(variants, v =>
        {
            Assert.Equal(CourseScenario.Seed, v.Seed);
            Assert.Equal(scenario.Bank.Problem(v.ProblemId).Version, v.ProblemVersion);
            Assert.Equal(scenario.Bank.Problem(v.ProblemId).Solver, v.Solver);
        });
        // Publishing again stores nothing new.
        Assert.Equal(0, await scenario.Runtime.Get<Publishing.PublishExamJob>().PublishAsync(scenario.Exam.Id, null, null, default));
    }

    [Fact]
    public async Task Grade_Twice_LeavesOneResult_EqualToGradingTheRegeneratedVariants()
    {
        var sent = await scenario.SubmitAsync("s001", seed: 1);
        var job = scenario.Runtime.Get<GradeSubmissionJob>();
        await job.RunAsync(sent.SubmissionId, null, default);
        await job.RunAsync(sent.SubmissionId, null, default);

        await using var db = scenario.Db();
        var result = await db.Results.Include(r => r.Parts).SingleAsync(r => r.SubmissionId == sent.SubmissionId);
        Assert.Equal(SubmissionState.Graded, (await db.Submissions.SingleAsync(s => s.Id == sent.SubmissionId)).State);
        // Independently: the exam grader regenerates the student's variants from the seed.
        var answers = await scenario.AnswersAsync("s001", seed: 1);
        var expected = ReferenceGrading.ExamGrader.Grade(scenario.Bank, scenario.Bank.Exam(CourseScenario.ExamId), CourseScenario.Seed, "s001", answers);
        Assert.Equal(expected.Score, result.Score, 6);
        Assert.Equal(expected.Problems.Sum(p => p.Parts.Count), result.Parts.Count);
        Assert.Equal(2, await db.JobRuns.CountAsync(r => r.Kind == GradeSubmissionJob.Kind && r.SubjectId == sent.SubmissionId && r.FinishedAt != null));
    }

    [Fact]
    public async Task Grade_FailsOnceWithTheReason_WhenTheGradingProcessDiedTwiceOnTheSubmission()
    {
        var sent = await scenario.SubmitAsync("s003", seed: 4);
        await using (var seed = scenario.Db())
        {
            // Two earlier runs that started and never finished: their worker process died while grading this submission.
            for (var i = 0; i < GradeSubmissionJob.DeathsBeforeFailing; i++)
                seed.JobRuns.Add(new JobRun { Kind = GradeSubmissionJob.Kind, SubjectId = sent.SubmissionId, QueuedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow, Worker = "gone:1" });
            await seed.SaveChangesAsync();
        }

        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);

        await using var db = scenario.Db();
        var submission = await db.Submissions.SingleAsync(s => s.Id == sent.SubmissionId);
        Assert.Equal(SubmissionState.Failed, submission.State);
        Assert.Contains("process died", submission.Error, StringComparison.Ordinal);
        Assert.False(await db.Results.AnyAsync(r => r.SubmissionId == sent.SubmissionId));
    }

    [Theory]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(FormatException), false)]
    public void IsInfrastructure_RetriesOnlyFaultsOfTheMachinesAround(Type exception, bool retried) =>
        Assert.Equal(retried, GradeSubmissionJob.IsInfrastructure((Exception)Activator.CreateInstance(exception)!));

    [Fact]
    public async Task Submit_SameKeyTwice_StoresOneSubmission()
    {
        var first = await scenario.SubmitAsync("s002", seed: 2, key: "upload-17");
        var again = await scenario.SubmitAsync("s002", seed: 3, key: "upload-17");
        var other = await scenario.SubmitAsync("s002", seed: 3, key: "upload-18");
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.SubmissionId, again.SubmissionId);
        Assert.Equal(2, other.Attempt);
        await using var db = scenario.Db();
        Assert.Equal(2, await db.Submissions.CountAsync(s => s.Person!.Login == "s002"));
    }

    [Fact]
    public async Task Regrade_ReportsExactlyThePartsWhoseScoreChanged_AfterAStoredKeyChanges()
    {
        // Right answers to conv-output-shapes, so that moving its key must cost points.
        string cases0;
        var answers = await scenario.AnswersAsync("s003", seed: 4);
        await using (var db = scenario.Db())
        {
            var conv = await db.Variants.SingleAsync(v => v.ExamId == scenario.Exam.Id && v.Person!.Login == "s003" && v.ProblemId == "conv-output-shapes");
            var cases = conv.ReferenceAnswers["cases"]!.AsArray();
            cases0 = cases[0]!["output"]!.ToJsonString();
            answers["conv-output-shapes"] = new System.Text.Json.Nodes.JsonObject
            {
                ["first"] = cases[0]!["output"]!.DeepClone(),
                ["second"] = cases[1]!["output"]!.DeepClone(),
            };
        }
        var sent = await scenario.SubmitAnswersAsync("s003", answers, "s003-right");
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);
        var regrade = scenario.Runtime.Get<RegradeJob>();
        Assert.Empty(await regrade.RegradeAsync(scenario.Exam.Id, null, null, null, default));

        // A fix to the stored params of one problem (as after a wrong key): its reference answers move.
        await using (var db = scenario.Db())
        {
            var variant = await db.Variants.SingleAsync(v => v.ExamId == scenario.Exam.Id && v.Person!.Login == "s003" && v.ProblemId == "conv-output-shapes");
            var before = await db.PartGrades.Where(p => p.Result!.SubmissionId == sent.SubmissionId && p.ProblemId == "conv-output-shapes").ToListAsync();
            Assert.NotEmpty(before);
            variant.Params = ShiftInputs(variant.Params);
            await db.SaveChangesAsync();
        }
        // A preview names the same changes and stores nothing.
        var preview = await regrade.RegradeAsync(scenario.Exam.Id, "conv-output-shapes", apply: false, null, null, default);
        await using (var unchanged = scenario.Db())
            Assert.All(await unchanged.PartGrades.Where(p => p.Result!.SubmissionId == sent.SubmissionId && p.ProblemId == "conv-output-shapes").ToListAsync(),
                p => Assert.Equal(p.Max, p.Score, 6));
        var deltas = await regrade.RegradeAsync(scenario.Exam.Id, "conv-output-shapes", null, null, default);
        Assert.Equal(["first", "second"], deltas.Select(d => d.PartId).Order(StringComparer.Ordinal));
        Assert.Equal(deltas, preview.Changes);
        await using var check = scenario.Db();
        var after = await check.PartGrades.Where(p => p.Result!.SubmissionId == sent.SubmissionId).ToListAsync();
        Assert.Single(await check.Results.Where(r => r.SubmissionId == sent.SubmissionId).ToListAsync());
        Assert.All(deltas, d =>
        {
            Assert.Equal("conv-output-shapes", d.ProblemId);
            Assert.True(d.NewScore < d.OldScore, $"{d.PartId}: {d.OldScore} -> {d.NewScore}");
            Assert.Equal(d.NewScore, after.Single(p => p.ProblemId == d.ProblemId && p.PartId == d.PartId).Score, 6);
        });
        var stored = ExamResult.FromJson((await check.Results.SingleAsync(r => r.SubmissionId == sent.SubmissionId)).Document);
        Assert.Equal(stored.Problems.Sum(p => p.Score), stored.Score, 6);
        // The stored key follows the fix: the variant's reference answers are the solver's for its new params, the others untouched.
        var moved = await check.Variants.AsNoTracking().SingleAsync(v => v.ExamId == scenario.Exam.Id && v.Person!.Login == "s003" && v.ProblemId == "conv-output-shapes");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(SubmissionGrader.ToVariant(scenario.Bank)(moved).Answers, moved.ReferenceAnswers));
        Assert.NotEqual(cases0, moved.ReferenceAnswers["cases"]![0]!["output"]!.ToJsonString());
    }

    [Fact]
    public async Task Regrade_RewritesAStoredResultWhoseReferenceMoved_EvenWhenNoScoreChanged()
    {
        var sent = await scenario.SubmitAsync("s004", seed: 9);
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);
        string graded;
        // What the report shows as the key, changed in the stored document only: no score moves, the part rows agree.
        await using (var db = scenario.Db())
        {
            var result = await db.Results.SingleAsync(r => r.SubmissionId == sent.SubmissionId);
            graded = result.Document["problems"]!.ToJsonString();
            var part = result.Document["problems"]!.AsArray().SelectMany(p => p!["parts"]!.AsArray()).First(p => p!["reference"] is not null)!.AsObject();
            part["reference"] = "a stale key";
            db.Entry(result).Property(r => r.Document).IsModified = true;
            await db.SaveChangesAsync();
        }

        Assert.Empty(await scenario.Runtime.Get<RegradeJob>().RegradeAsync(scenario.Exam.Id, null, null, null, default));

        await using var check = scenario.Db();
        var stored = await check.Results.AsNoTracking().SingleAsync(r => r.SubmissionId == sent.SubmissionId);
        Assert.Equal(graded, stored.Document["problems"]!.ToJsonString());
    }

    [Fact]
    public async Task Regrade_KeepsTaOverridesAndManualGrades_OnTopOfTheRecomputedGrade()
    {
        var sent = await scenario.SubmitAsync("s003", seed: 4);
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);
        (string Problem, GradedPart Part) auto, manual;
        await using (var db = scenario.Db())
        {
            var graded = ExamResult.FromJson(db.Results.Single(r => r.SubmissionId == sent.SubmissionId).Document);
            var parts = graded.Problems.SelectMany(p => p.Parts.Select(part => (p.ProblemId, part))).ToList();
            auto = parts.First(x => !x.part.PendingManual && x.part.Score < x.part.Max);
            manual = parts.First(x => x.part.PendingManual && x.part.Rubric.Count > 0);
            db.ScoreChanges.Add(new ScoreChange
            {
                SubmissionId = sent.SubmissionId, ProblemId = auto.Problem, PartId = auto.Part.PartId, Kind = ScoreChangeKind.Override,
                OldScore = auto.Part.Score, NewScore = auto.Part.Max, By = "ta1", At = DateTimeOffset.UtcNow, Reason = "an equivalent form",
            });
            db.ScoreChanges.Add(new ScoreChange
            {
                SubmissionId = sent.SubmissionId, ProblemId = manual.Problem, PartId = manual.Part.PartId, Kind = ScoreChangeKind.ManualGrade,
                OldScore = 0, NewScore = manual.Part.Rubric[0].Points, CheckedItems = [manual.Part.Rubric[0].Id], By = "ta2", At = DateTimeOffset.UtcNow,
                Reason = "first step right",
            });
            await db.SaveChangesAsync();
        }

        await scenario.Runtime.Get<RegradeJob>().RegradeAsync(scenario.Exam.Id, null, null, null, default);

        await using var check = scenario.Db();
        var after = ExamResult.FromJson(check.Results.Single(r => r.SubmissionId == sent.SubmissionId).Document);
        GradedPart Part((string Problem, GradedPart Part) x) => after.Problems.Single(p => p.ProblemId == x.Problem).Parts.Single(p => p.PartId == x.Part.PartId);
        Assert.Equal(auto.Part.Max, Part(auto).Score, 6);
        var kept = Assert.Single(after.Overrides);
        Assert.Equal(("ta1", auto.Part.Score), (kept.By, kept.OldScore));
        Assert.Equal(manual.Part.Rubric[0].Points, Part(manual).Score, 6);
        Assert.False(Part(manual).PendingManual);
        Assert.Equal([manual.Part.Rubric[0].Id], Part(manual).Manual!.CheckedItems);
        Assert.Equal(after.Problems.Sum(p => p.Score), after.Score, 6);
    }

    [Fact]
    public async Task TaGrade_UpdatesTheStoredResultAtOnce_AndRefusesAScoreAboveThePartsPoints()
    {
        var sent = await scenario.SubmitAsync("s004", seed: 5);
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);
        GradedPart manual;
        string problemId;
        await using (var db = scenario.Db())
        {
            var graded = ExamResult.FromJson(db.Results.Single(r => r.SubmissionId == sent.SubmissionId).Document);
            (problemId, manual) = graded.Problems.SelectMany(p => p.Parts.Select(part => (p.ProblemId, part))).First(x => x.part.PendingManual && x.part.Rubric.Count > 1);
        }
        var ta = scenario.Runtime.Get<TaGrading>();

        var tooMuch = await Assert.ThrowsAsync<Core.Inputs.BadInputException>(() =>
            ta.RecordAsync(new TaGrade(sent.SubmissionId, problemId, manual.PartId, manual.Max + 1, "ta1", "generous", []), default));
        var change = await ta.RecordAsync(new TaGrade(sent.SubmissionId, problemId, manual.PartId, manual.Rubric[0].Points, "ta1", "first step only", [manual.Rubric[0].Id]), default);

        Assert.Equal("score", tooMuch.Field);
        Assert.Equal(ScoreChangeKind.ManualGrade, change.Kind);
        await using var check = scenario.Db();
        var row = check.Results.Include(r => r.Parts).Single(r => r.SubmissionId == sent.SubmissionId);
        var stored = ExamResult.FromJson(row.Document).Problems.Single(p => p.ProblemId == problemId).Parts.Single(p => p.PartId == manual.PartId);
        Assert.Equal(manual.Rubric[0].Points, stored.Score, 6);
        Assert.Equal("first step only", stored.Manual!.Comment);
        Assert.Equal(manual.Rubric[0].Points, row.Parts.Single(p => p.ProblemId == problemId && p.PartId == manual.PartId).Score, 6);
        Assert.Equal(1, await check.ScoreChanges.CountAsync(c => c.SubmissionId == sent.SubmissionId));
    }

    [Fact]
    public async Task RegradeRequest_IsListedUntilATaAnswersIt_AndCannotBeAnsweredTwice()
    {
        var sent = await scenario.SubmitAsync("s002", seed: 6);
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);
        var requests = scenario.Runtime.Get<RegradeRequests>();

        var unknown = await Assert.ThrowsAsync<Core.Inputs.BadInputException>(() => requests.FileAsync(sent.SubmissionId, "no-such-problem", null, "why", default));
        var filed = await requests.FileAsync(sent.SubmissionId, "conv-output-shapes", "second", "My shape is right for my variant.", default);
        var open = await requests.ListAsync(CourseScenario.Course, openOnly: true, default);
        var answered = await requests.AnswerAsync(filed.Id, accepted: false, "ta1", "The padding is counted twice.", default);
        var again = await Assert.ThrowsAsync<Core.Inputs.BadInputException>(() => requests.AnswerAsync(filed.Id, accepted: true, "ta2", "changed my mind", default));

        Assert.Equal("problem", unknown.Field);
        Assert.Equal([filed.Id], open.Select(r => r.Id));
        Assert.Equal(("s002", RegradeRequestState.Rejected), (answered.RequestedBy, answered.State));
        Assert.Equal("request", again.Field);
        Assert.Empty(await requests.ListAsync(CourseScenario.Course, openOnly: true, default));
        Assert.Single(await requests.ListAsync(CourseScenario.Course, openOnly: false, default));
    }

    [Fact]
    public async Task GradesExport_HasOneRowPerStudentAndOneColumnPerProblem_PlusTotal_AndThePointsPossible()
    {
        var sent = await scenario.SubmitAsync("s004", seed: 5);
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);
        using var text = new StringWriter();
        await scenario.Runtime.Get<GradesExport>().WriteCsvAsync(scenario.Exam, text, default);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var definition = scenario.Bank.Exam(CourseScenario.ExamId);
        Assert.Equal(string.Join(",", ["student", "name", .. definition.Problems.Select(p => p.ProblemId), "total", "points_possible"]), lines[0]);
        // One header, one row per student of the roster.
        Assert.Equal(1 + 4, lines.Length);
        Assert.Equal(["s001", "s002", "s003", "s004"], lines[1..].Select(l => l.Split(',')[0]));
        var possible = definition.Problems.Sum(p => p.Points);
        Assert.All(lines[1..], l => Assert.Equal(possible, double.Parse(l.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture), 6));
        var row = lines.Single(l => l.StartsWith("s004,", StringComparison.Ordinal)).Split(',');
        await using var db = scenario.Db();
        var total = (await db.Results.SingleAsync(r => r.SubmissionId == sent.SubmissionId)).Score;
        Assert.Equal(total, double.Parse(row[^2], System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal(total, row[2..^2].Sum(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)), 4);
    }

    [Fact]
    public async Task Grade_ACodeSubmission_AddsTheCodeQuestionWithItsTests_AndAHostileOneScoresNothing()
    {
        var code = Demo.DemoRunner.CodeSubmissions.ToDictionary(c => c.Name, c => c.Source);
        var right = await scenario.Runtime.Get<Submissions.SubmissionService>().SubmitAsync(
            new Submissions.SubmitRequest(CourseScenario.Course, CourseScenario.ExamId, "s001", [], "code-right") { Code = code["right"], CodeProblemId = Demo.DemoRunner.CodeQuestion }, default);
        var hostile = await scenario.Runtime.Get<Submissions.SubmissionService>().SubmitAsync(
            new Submissions.SubmitRequest(CourseScenario.Course, CourseScenario.ExamId, "s002", [], "code-hostile") { Code = code["reads-etc-passwd"], CodeProblemId = Demo.DemoRunner.CodeQuestion }, default);
        var job = scenario.Runtime.Get<GradeSubmissionJob>();
        await job.RunAsync(right.SubmissionId, null, default);
        await job.RunAsync(hostile.SubmissionId, null, default);

        await using var db = scenario.Db();
        ExamResult Stored(long id) => ExamResult.FromJson(db.Results.Single(r => r.SubmissionId == id).Document);
        var good = Stored(right.SubmissionId).Problems.Single(p => p.ProblemId == Demo.DemoRunner.CodeQuestion);
        var bad = Stored(hostile.SubmissionId).Problems.Single(p => p.ProblemId == Demo.DemoRunner.CodeQuestion);
        Assert.True(good.Max > 0);
        Assert.Equal(good.Max, good.Score, 6);
        Assert.NotEmpty(good.Parts.Single().Tests);
        Assert.All(good.Parts.Single().Tests, t => Assert.Equal("passed", t.Verdict));
        Assert.Equal(0, bad.Score);
        Assert.DoesNotContain(bad.Parts.Single().Tests, t => t.Verdict == "passed");
    }

    private static System.Text.Json.Nodes.JsonObject ShiftInputs(System.Text.Json.Nodes.JsonObject parameters)
    {
        var copy = (System.Text.Json.Nodes.JsonObject)parameters.DeepClone();
        var input = copy["input"]!.AsArray();
        input[2] = input[2]!.GetValue<int>() + 8;
        input[3] = input[3]!.GetValue<int>() + 8;
        return copy;
    }

    [Fact]
    public async Task Grade_ALateSubmission_TakesThePenaltyOffTheTotalOnly_AndKeepsItThroughTaGradesRegradesAndTheCsv()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = scenario.Db())
        {
            // Closed 30 hours ago, late submissions for two more days at 10% per started day: this one loses 20%.
            await db.Exams.Where(e => e.Id == scenario.Exam.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ClosesAt, now.AddHours(-30))
                .SetProperty(e => e.LateUntil, now.AddDays(2)).SetProperty(e => e.LatePenaltyPercent, 10).SetProperty(e => e.LatePenaltyPerDay, true));
        }
        var late = await scenario.SubmitAsync("s002", seed: 2);
        var job = scenario.Runtime.Get<GradeSubmissionJob>();
        await job.RunAsync(late.SubmissionId, null, default);

        await using (var db = scenario.Db())
        {
            var submission = await db.Submissions.SingleAsync(s => s.Id == late.SubmissionId);
            Assert.InRange(submission.LateBy!.Value, TimeSpan.FromHours(30), TimeSpan.FromHours(30.1));
            Assert.Equal(20, submission.LatePenaltyPercent);
            var result = await db.Results.Include(r => r.Parts).SingleAsync(r => r.SubmissionId == late.SubmissionId);
            var raw = ExamResult.Round(result.Parts.Sum(p => p.Score));
            Assert.True(raw > 0);
            Assert.Equal(ExamResult.Round(raw * 0.8), result.Score, 6);
            var document = ExamResult.FromJson(result.Document);
            Assert.Equal((20.0, raw), (document.Late!.Percent, document.RawScore));
        }

        // A TA's grade and a regrade make the total again: the penalty stays, taken off the new raw sum.
        await scenario.Runtime.Get<TaGrading>().RecordAsync(new TaGrade(late.SubmissionId, "purifier-svd-form", "derivation", 2, "ta1", "Set-up only.", []), default);
        await scenario.Runtime.Get<RegradeJob>().RegradeAsync(scenario.Exam.Id, null, apply: true, null, null, default);
        double total;
        await using (var db = scenario.Db())
        {
            var result = await db.Results.Include(r => r.Parts).SingleAsync(r => r.SubmissionId == late.SubmissionId);
            Assert.Equal(2, result.Parts.Single(p => p.ProblemId == "purifier-svd-form" && p.PartId == "derivation").Score);
            Assert.Equal(ExamResult.Round(ExamResult.Round(result.Parts.Sum(p => p.Score)) * 0.8), result.Score, 6);
            total = result.Score;
        }

        using var text = new StringWriter();
        await scenario.Runtime.Get<GradesExport>().WriteCsvAsync(scenario.Exam, text, default);
        var row = text.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("s002,", StringComparison.Ordinal)).Split(',');
        // The penalised total, then the points possible.
        Assert.Equal(total, double.Parse(row[^2], System.Globalization.CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public async Task Submit_BeforeTheClose_IsOnTime_EvenWhenTheExamTakesLateSubmissions()
    {
        await using (var db = scenario.Db())
        {
            await db.Exams.Where(e => e.Id == scenario.Exam.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ClosesAt, DateTimeOffset.UtcNow.AddHours(1))
                .SetProperty(e => e.LateUntil, DateTimeOffset.UtcNow.AddDays(1)).SetProperty(e => e.LatePenaltyPercent, 50));
        }
        var sent = await scenario.SubmitAsync("s003", seed: 3);
        await scenario.Runtime.Get<GradeSubmissionJob>().RunAsync(sent.SubmissionId, null, default);

        await using var check = scenario.Db();
        var submission = await check.Submissions.Include(s => s.Result).ThenInclude(r => r!.Parts).SingleAsync(s => s.Id == sent.SubmissionId);
        Assert.Equal((null, null), (submission.LateBy, submission.LatePenaltyPercent));
        Assert.Equal(ExamResult.Round(submission.Result!.Parts.Sum(p => p.Score)), submission.Result.Score, 6);
        Assert.Null(ExamResult.FromJson(submission.Result.Document).Late);
    }
}
