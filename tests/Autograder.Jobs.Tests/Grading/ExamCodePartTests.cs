using System.Text.Json.Nodes;
using Autograder.Data.Model;
using Autograder.Data.Tests.Support;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Regrading;
using Autograder.Jobs.Submissions;
using Autograder.Jobs.Tests.Support;
using Autograder.Sandbox.Questions;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Grading;

/// <summary>An exam with a code part (the Spring 2023 homework 8): the job runs it in the sandbox, a regrade keeps its grade.</summary>
public sealed class ExamCodePartTests
{
    private const string ExamId = "sp23-hw8";
    private const string Question = "hand-designed-attention";

    [Fact]
    public async Task Grade_RunsTheExamsCodePartInTheSandbox_AndRegradeKeepsItsScore()
    {
        var bank = CourseScenario.SharedBank.Value;
        var connectionString = await Task.Run(() => PostgresServer.CreateDatabase("code"));
        await using var runtime = await ServiceRuntime.StartAsync(bank, new JobSettings { RenderReports = false }, connectionString: connectionString);
        var courses = runtime.Get<CourseService>();
        await courses.CreateAsync("dl", "Deep learning", default);
        await courses.ImportRosterAsync("dl", Demo.DemoRunner.Roster(2), CourseRole.Student, default);
        var exam = await courses.ExamAsync("dl", bank.Exam(ExamId), 7, default);
        await runtime.Get<PublishExamJob>().PublishAsync(exam.Id, null, null, default);

        var reference = await File.ReadAllTextAsync(CodeQuestionLoader.Load(bank.Root, Question).ReferenceFile!);
        var codePart = bank.Problem(Question).Parts.Single(p => p.Type == Core.Bank.AnswerType.Code).Id;
        var right = await runtime.Get<SubmissionService>().SubmitAsync(new SubmitRequest("dl", ExamId, "s001",
            new JsonObject { [Question] = new JsonObject { [codePart] = reference } }, "right"), default);
        var broken = await runtime.Get<SubmissionService>().SubmitAsync(new SubmitRequest("dl", ExamId, "s002",
            new JsonObject { [Question] = new JsonObject { [codePart] = "public static class Solution { syntax error" } }, "broken"), default);
        await runtime.Get<GradeSubmissionJob>().RunAsync(right.SubmissionId, null, default);
        await runtime.Get<GradeSubmissionJob>().RunAsync(broken.SubmissionId, null, default);

        var points = bank.Exam(ExamId).Problems.Single(p => p.ProblemId == Question).Points;
        var good = await Part(runtime, right.SubmissionId);
        Assert.Equal(points, good.Max, 6);
        Assert.Equal(good.Max, good.Score, 6);
        Assert.NotEmpty(good.Tests);
        var bad = await Part(runtime, broken.SubmissionId);
        Assert.Equal(0, bad.Score);
        Assert.True(bad.FormatError, bad.Feedback);

        // A code file sent for the question (as `submit --code file --problem P` does) becomes the code part's answer.
        var file = await runtime.Get<SubmissionService>().SubmitAsync(new SubmitRequest("dl", ExamId, "s002", [], "file") { Code = reference, CodeProblemId = Question }, default);
        await runtime.Get<GradeSubmissionJob>().RunAsync(file.SubmissionId, null, default);
        Assert.Equal(points, (await Part(runtime, file.SubmissionId)).Score, 6);

        Assert.Empty(await runtime.Get<RegradeJob>().RegradeAsync(exam.Id, null, null, null, default));
        Assert.Equal(good.Score, (await Part(runtime, right.SubmissionId)).Score, 6);
    }

    private static async Task<GradedPart> Part(ServiceRuntime runtime, long submissionId)
    {
        await using var db = runtime.Database.CreateContext();
        var result = ExamResult.FromJson((await db.Results.SingleAsync(r => r.SubmissionId == submissionId)).Document);
        return result.Problems.Single(p => p.ProblemId == Question).Parts.Single(p => p.Type == "code");
    }
}
