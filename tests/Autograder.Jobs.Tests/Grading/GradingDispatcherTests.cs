using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Submissions;
using Autograder.Jobs.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Grading;

/// <summary>Stored submissions get their grade jobs from the dispatchers, on real PostgreSQL and real Hangfire storage.</summary>
// Alone: Hangfire's log provider is process-wide, and a runtime disposed beside another's job creation breaks it.
[Collection(nameof(Faults.WorkerFaultTests))]
public sealed class GradingDispatcherTests
{
    [Fact]
    public async Task Dispatch_GivesPlainSubmissionsOneBatchJob_AndACodeSubmissionItsOwnOnTheSandboxQueue_Once()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 4);
        var plain = new List<long>();
        for (var i = 1; i <= 3; i++) plain.Add((await scenario.SubmitAsync($"s00{i}", seed: i)).SubmissionId);
        var code = (await scenario.Runtime.Get<SubmissionService>().SubmitAsync(new SubmitRequest(CourseScenario.Course, CourseScenario.ExamId, "s004", [], "code")
        {
            Code = Demo.DemoRunner.CodeSubmissions.First(c => c.Name == "right").Source, CodeProblemId = Demo.DemoRunner.CodeQuestion,
        }, default)).SubmissionId;
        var dispatcher = scenario.Runtime.Get<GradingDispatcher>();

        Assert.Equal(4, await dispatcher.DispatchAsync(default));
        Assert.Equal(0, await dispatcher.DispatchAsync(default));

        var monitoring = scenario.Runtime.Get<JobStorage>().GetMonitoringApi();
        var batch = Assert.Single(monitoring.EnqueuedJobs(Queues.Default, 0, 10)).Value.Job;
        Assert.Equal(nameof(GradeSubmissionJob.RunBatchAsync), batch.Method.Name);
        Assert.Equal(plain, (long[])batch.Args[0]);
        var own = Assert.Single(monitoring.EnqueuedJobs(Queues.Sandbox, 0, 10)).Value.Job;
        Assert.Equal((nameof(GradeSubmissionJob.RunAsync), code), (own.Method.Name, (long)own.Args[0]));
        await using var db = scenario.Db();
        var rows = await db.Submissions.AsNoTracking().ToListAsync();
        Assert.All(rows, s => Assert.NotNull(s.DispatchedAt));
        Assert.Single(rows.Where(s => plain.Contains(s.Id)).Select(s => s.GradeJobId).Distinct());
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersAtOnce_GiveEverySubmissionExactlyOneJob()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 60, new JobSettings { RenderReports = false, GradingBatchSize = 7 });
        var sent = new List<long>();
        for (var i = 1; i <= 60; i++) sent.Add((await scenario.SubmitAsync($"s{i:000}", seed: i)).SubmissionId);
        var first = scenario.Runtime.Get<GradingDispatcher>();
        var second = scenario.Runtime.Get<GradingDispatcher>();

        var counts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).DispatchAsync(default))));

        Assert.Equal(60, counts.Sum());
        var queued = scenario.Runtime.Get<JobStorage>().GetMonitoringApi().EnqueuedJobs(Queues.Default, 0, 100)
            .SelectMany(j => j.Value.Job.Args[0] is long[] ids ? ids : [(long)j.Value.Job.Args[0]]).Order().ToList();
        Assert.Equal(sent.Order(), queued);
    }

    [Fact]
    public async Task Dispatch_Again_AfterADispatcherDiedBeforeItsCommit_StillGradesEachSubmissionOnce()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 6);
        var sent = new List<long>();
        for (var i = 1; i <= 6; i++) sent.Add((await scenario.SubmitAsync($"s00{i}", seed: i)).SubmissionId);
        var dispatcher = scenario.Runtime.Get<GradingDispatcher>();
        Assert.Equal(6, await dispatcher.DispatchAsync(default));
        // As a dispatcher that died after creating its job and before marking its rows leaves them: waiting again.
        await using (var db = scenario.Db())
            await db.Submissions.ExecuteUpdateAsync(u => u.SetProperty(s => s.DispatchedAt, (DateTimeOffset?)null).SetProperty(s => s.GradeJobId, (long?)null));
        Assert.Equal(6, await dispatcher.DispatchAsync(default));
        var monitoring = scenario.Runtime.Get<JobStorage>().GetMonitoringApi();
        Assert.Equal(2, monitoring.EnqueuedCount(Queues.Default));

        await using (var worker = await ServiceRuntime.StartAsync(scenario.Bank, new JobSettings { RenderReports = false }, new WorkerSpec(Queues.All, 2, "twice"),
            connectionString: scenario.ConnectionString))
        {
            await scenario.WaitAllGradedAsync(sent.Count, TimeSpan.FromSeconds(60));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (monitoring.SucceededListCount() < 2)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "both grade jobs did not finish");
                await Task.Delay(100);
            }
        }
        await using var check = scenario.Db();
        var graded = await check.JobRuns.Where(r => r.Kind == GradeSubmissionJob.Kind && r.Outcome == "graded").GroupBy(r => r.SubjectId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(sent.Order(), graded.Select(g => g.Key).Order());
        Assert.All(graded, g => Assert.Equal(1, g.Count));
        Assert.All(await check.Results.GroupBy(r => r.SubmissionId).Select(g => g.Count()).ToListAsync(), n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task BatchJob_GradesEachOfItsSubmissions_AndStoresTheSameRowsAsTheirOwnJobsWould()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 5);
        var sent = new List<long>();
        for (var i = 1; i <= 5; i++) sent.Add((await scenario.SubmitAsync($"s00{i}", seed: i)).SubmissionId);
        var job = scenario.Runtime.Get<GradeSubmissionJob>();

        await job.RunBatchAsync([.. sent], null, default);
        await using var db = scenario.Db();
        var batched = await db.Results.AsNoTracking().Where(r => sent.Contains(r.SubmissionId)).ToDictionaryAsync(r => r.SubmissionId);
        Assert.Equal(sent.Count, batched.Count);
        Assert.All(await db.Submissions.AsNoTracking().ToListAsync(), s => Assert.Equal(SubmissionState.Graded, s.State));
        var batchedParts = await PartsAsync(db);
        foreach (var id in sent) await job.RunAsync(id, null, default);

        var alone = await db.Results.AsNoTracking().Where(r => sent.Contains(r.SubmissionId)).ToDictionaryAsync(r => r.SubmissionId);
        foreach (var id in sent)
        {
            Assert.Equal(alone[id].Score, batched[id].Score);
            Assert.Equal(alone[id].Document["problems"]!.ToJsonString(), batched[id].Document["problems"]!.ToJsonString());
        }
        Assert.Contains(alone.Values, r => r.Score > 0);
        Assert.Contains(alone.Values, r => r.Score < r.Max);
        // The batch writes its part rows by COPY, the single job through EF: the same rows either way.
        var aloneParts = await PartsAsync(db);
        Assert.NotEmpty(aloneParts);
        Assert.Equal(aloneParts, batchedParts);
        Assert.Contains(aloneParts, p => p.Rule is not null);
        Assert.Contains(aloneParts, p => p.Answer is not null);
    }

    private static async Task<List<(long Submission, string Problem, string Part, double Score, double Max, string Feedback, string? Rule, bool FormatError, bool PendingManual, string? Answer)>> PartsAsync(Data.AutograderDb db) =>
        [.. (await db.PartGrades.AsNoTracking().Select(p => new { p.Result!.SubmissionId, p.ProblemId, p.PartId, p.Score, p.Max, p.Feedback, p.Rule, p.FormatError, p.PendingManual, p.Answer }).ToListAsync())
            .Select(p => (p.SubmissionId, p.ProblemId, p.PartId, p.Score, p.Max, p.Feedback, p.Rule, p.FormatError, p.PendingManual, p.Answer))
            .OrderBy(p => p.SubmissionId).ThenBy(p => p.ProblemId, StringComparer.Ordinal).ThenBy(p => p.PartId, StringComparer.Ordinal)];
}
