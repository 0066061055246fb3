using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Submissions;
using Autograder.Jobs.Tests.Support;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Faults;

/// <summary>Dispatched submissions whose grade job is gone go back to the dispatchers, on real PostgreSQL and real Hangfire storage; the others are left alone.</summary>
// Alone: Hangfire's log provider is process-wide, and a runtime disposed beside another's job creation breaks it.
[Collection(nameof(WorkerFaultTests))]
public sealed class StrandedSubmissionSweepTests
{
    [Fact]
    public async Task Requeue_DispatchesAgain_TheSubmissionsWithoutALiveJob_Once()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 3);
        var now = DateTimeOffset.UtcNow;
        // s001's job is gone (its retries ran out, or it was deleted): dispatched, no job.
        var lost = await StoreWithLostJobAsync(scenario, "s001", now.AddMinutes(-1));
        // s002's job was created but never got its first state, so no worker will ever fetch it.
        var stateless = await StoreWithLostJobAsync(scenario, "s002", now.AddMinutes(-1));
        var storage = scenario.Runtime.Get<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var job = connection.CreateExpiredJob(Job.FromExpression<GradeSubmissionJob>(j => j.RunAsync(stateless, null, CancellationToken.None)),
                new Dictionary<string, string?>(), DateTime.UtcNow.AddMinutes(-1), TimeSpan.FromDays(1));
            await using var db = scenario.Db();
            await db.Submissions.Where(s => s.Id == stateless).ExecuteUpdateAsync(u => u.SetProperty(s => s.GradeJobId, long.Parse(job, System.Globalization.CultureInfo.InvariantCulture)));
        }
        // s003 submitted and dispatched the ordinary way: its job is enqueued.
        var queued = (await scenario.SubmitAsync("s003", seed: 3)).SubmissionId;
        var dispatcher = scenario.Runtime.Get<GradingDispatcher>();
        Assert.Equal(1, await dispatcher.DispatchAsync(default));
        await using (var db = scenario.Db())
            await db.Submissions.Where(s => s.Id == queued).ExecuteUpdateAsync(u => u.SetProperty(s => s.DispatchedAt, now.AddMinutes(-1)));
        var sweep = scenario.Runtime.Get<StrandedSubmissionSweep>();

        Assert.Equal(2, await sweep.RequeueAsync(now, default));
        Assert.Equal(0, await sweep.RequeueAsync(now, default));
        Assert.Equal(2, await dispatcher.DispatchAsync(default));

        var enqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100)
            .SelectMany(j => j.Value.Job.Args[0] is long[] ids ? ids : [(long)j.Value.Job.Args[0]]).Order().ToList();
        Assert.Equal(new[] { lost, stateless, queued }.Order(), enqueued);
    }

    [Fact]
    public async Task Requeue_LeavesAFreshDispatch_ToItsJobStillBeingCreated()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 1);
        var now = DateTimeOffset.UtcNow;
        await StoreWithLostJobAsync(scenario, "s001", now.AddSeconds(-5));
        Assert.Equal(0, await scenario.Runtime.Get<StrandedSubmissionSweep>().RequeueAsync(now, default));
    }

    /// <summary>A submission row as a dispatcher leaves it at <paramref name="at"/>, without the job it names.</summary>
    internal static async Task<long> StoreWithLostJobAsync(CourseScenario scenario, string student, DateTimeOffset at)
    {
        var answers = await scenario.AnswersAsync(student, seed: 1);
        await using var db = scenario.Db();
        var person = await db.People.SingleAsync(p => p.Login == student);
        var submission = new Submission
        {
            CourseId = scenario.Exam.CourseId,
            ExamId = scenario.Exam.Id,
            PersonId = person.Id,
            IdempotencyKey = $"stranded:{student}",
            Attempt = 1,
            Answers = answers,
            State = SubmissionState.Queued,
            SubmittedAt = at,
            DispatchedAt = at,
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    }
}
