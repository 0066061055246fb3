using Autograder.Data.Model;
using Autograder.Data.Tests.Support;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Faults;

/// <summary>Real worker processes against a real PostgreSQL: killed workers and a restarted database lose nothing and grade nothing twice.</summary>
[Collection(nameof(WorkerFaultTests))]
[CollectionDefinition(nameof(WorkerFaultTests), DisableParallelization = true)]
public sealed class WorkerFaultTests
{
    private static readonly TimeSpan Invisibility = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Worker_KilledMidJob_ItsJobCompletesOnAnotherWorker_WithOneResultPerSubmission()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 3);
        using var doomed = new WorkerProcess(scenario.ConnectionString, workers: 1, gradingDelay: TimeSpan.FromSeconds(30), Invisibility);
        var sent = new List<long>();
        for (var i = 1; i <= 3; i++) sent.Add((await scenario.SubmitAsync($"s00{i}", seed: i)).SubmissionId);

        // Wait until the doomed worker is inside a grading job, then kill it without warning.
        var caught = await WaitFor(scenario, async db => await db.JobRuns.AnyAsync(r => r.Kind == GradeSubmissionJob.Kind && r.Worker == doomed.Name && r.FinishedAt == null),
            TimeSpan.FromSeconds(60), () => doomed.Output);
        Assert.True(caught, "the worker never started a job: " + doomed.Output);
        long victim;
        await using (var db = scenario.Db())
            victim = await db.JobRuns.Where(r => r.Worker == doomed.Name && r.FinishedAt == null).Select(r => r.SubjectId).FirstAsync();
        doomed.KillHard();

        using var rescuer = new WorkerProcess(scenario.ConnectionString, workers: 2, gradingDelay: TimeSpan.Zero, Invisibility);
        await scenario.WaitAllGradedAsync(sent.Count, TimeSpan.FromSeconds(90));

        await using var check = scenario.Db();
        foreach (var id in sent) Assert.Equal(1, await check.Results.CountAsync(r => r.SubmissionId == id));
        var finisher = await check.JobRuns.Where(r => r.SubjectId == victim && r.Kind == GradeSubmissionJob.Kind && r.FinishedAt != null).Select(r => r.Worker).ToListAsync();
        Assert.Equal([rescuer.Name], finisher);
    }

    [Fact]
    public async Task Postgres_RestartedDuringABatch_EverySubmissionIsGradedOnce()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 40);
        var server = PostgresServer.Managed;
        // Against an external server (AUTOGRADER_TEST_POSTGRES) the tests cannot restart it.
        if (server is null) return;
        using var first = new WorkerProcess(scenario.ConnectionString, workers: 2, gradingDelay: TimeSpan.FromMilliseconds(150), Invisibility);
        using var second = new WorkerProcess(scenario.ConnectionString, workers: 2, gradingDelay: TimeSpan.FromMilliseconds(150), Invisibility);
        var sent = new List<long>();
        for (var i = 1; i <= 40; i++) sent.Add((await scenario.SubmitAsync($"s{i:000}", seed: i)).SubmissionId);

        var started = await WaitFor(scenario, async db => await db.Results.CountAsync() >= 5, TimeSpan.FromSeconds(60), () => first.Output + second.Output);
        Assert.True(started, "grading never started: " + first.Output + second.Output);
        server!.Restart();
        Npgsql.NpgsqlConnection.ClearAllPools();

        await scenario.WaitAllGradedAsync(sent.Count, TimeSpan.FromSeconds(120));
        await using var check = scenario.Db();
        Assert.Equal(sent.Count, await check.Submissions.CountAsync(s => s.ExamId == scenario.Exam.Id));
        var perSubmission = await check.Results.GroupBy(r => r.SubmissionId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(sent.Count, perSubmission.Count);
        Assert.All(perSubmission, n => Assert.Equal(1, n));
        Assert.False(await check.Submissions.AnyAsync(s => s.State == SubmissionState.Failed));
    }

    [Fact]
    public async Task Postgres_RestartedWhileJobsAreQueued_ASingleSlotWorkerCompletesEveryJob()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 30);
        var server = PostgresServer.Managed;
        if (server is null) return;
        // One submission whose job was lost to an earlier restart: dispatched, no job.
        var sent = new List<long> { await StrandedSubmissionSweepTests.StoreWithLostJobAsync(scenario, "s030", DateTimeOffset.UtcNow.AddMinutes(-1)) };
        // Ahead of them, a queue entry whose job already finished, as a restart between a state change and the removal
        // from the queue leaves it: the worker must drop it, not fetch it again and again.
        string finished;
        using (var connection = scenario.Runtime.Get<Hangfire.JobStorage>().GetConnection())
        {
            finished = connection.CreateExpiredJob(Hangfire.Common.Job.FromExpression<GradeSubmissionJob>(j => j.RunAsync(sent[0], null, CancellationToken.None)),
                new Dictionary<string, string?>(), DateTime.UtcNow, TimeSpan.FromDays(1));
            using var transaction = connection.CreateWriteTransaction();
            transaction.SetJobState(finished, new Hangfire.States.SucceededState(null, 0, 0));
            transaction.AddToQueue("default", finished);
            transaction.Commit();
        }
        for (var i = 1; i <= 29; i++) sent.Add((await scenario.SubmitAsync($"s{i:000}", seed: i)).SubmissionId);
        using var worker = new WorkerProcess(scenario.ConnectionString, workers: 1, gradingDelay: TimeSpan.FromMilliseconds(200), Invisibility,
            // Batches of three: nine more batch jobs are queued when the restarts come.
            environment: new Dictionary<string, string> { ["AUTOGRADER_Jobs__StrandedCheckInterval"] = "00:00:01", ["AUTOGRADER_Jobs__GradingBatchSize"] = "3" });

        Assert.True(await WaitFor(scenario, async db => await db.Results.CountAsync() >= 3, TimeSpan.FromSeconds(60), () => worker.Output),
            "grading never started: " + worker.Output);
        // Twice, the second while the worker is still finding its connections again.
        server.Restart();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Task.Delay(500);
        server.Restart();
        Npgsql.NpgsqlConnection.ClearAllPools();

        await scenario.WaitAllGradedAsync(sent.Count, TimeSpan.FromSeconds(120));
        await using var check = scenario.Db();
        foreach (var id in sent) Assert.Equal(1, await check.Results.CountAsync(r => r.SubmissionId == id));
        Assert.False(await check.Submissions.AnyAsync(s => s.State == SubmissionState.Failed));
        Assert.Equal(0, await check.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM hangfire.jobqueue WHERE jobid = {long.Parse(finished, System.Globalization.CultureInfo.InvariantCulture)}").SingleAsync());
    }

    [Fact]
    public async Task Worker_StoppedWithSigterm_FinishesOrHandsBackItsJob()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 1);
        using var stopping = new WorkerProcess(scenario.ConnectionString, workers: 1, gradingDelay: TimeSpan.FromSeconds(2), Invisibility);
        var sent = await scenario.SubmitAsync("s001", seed: 1);
        Assert.True(await WaitFor(scenario, async db => await db.JobRuns.AnyAsync(r => r.Worker == stopping.Name), TimeSpan.FromSeconds(60), () => stopping.Output),
            "the worker never started the job: " + stopping.Output);
        Assert.True(stopping.Stop(TimeSpan.FromSeconds(45)), "the worker did not exit after SIGTERM: " + stopping.Output);

        using var next = new WorkerProcess(scenario.ConnectionString, workers: 1, gradingDelay: TimeSpan.Zero, Invisibility);
        await scenario.WaitAllGradedAsync(1, TimeSpan.FromSeconds(60));
        await using var check = scenario.Db();
        Assert.Equal(1, await check.Results.CountAsync(r => r.SubmissionId == sent.SubmissionId));
    }

    private static async Task<bool> WaitFor(CourseScenario scenario, Func<Data.AutograderDb, Task<bool>> condition, TimeSpan timeout, Func<string> log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await using (var db = scenario.Db())
            {
                if (await condition(db)) return true;
            }
            await Task.Delay(100);
        }
        Console.Error.WriteLine(log());
        return false;
    }
}
