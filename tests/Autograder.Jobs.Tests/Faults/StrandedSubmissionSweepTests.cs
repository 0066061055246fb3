using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Submissions;
using Autograder.Jobs.Tests.Support;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Faults;

/// <summary>Submissions stored without a live grade job get one, on real PostgreSQL and real Hangfire storage; the others are left alone.</summary>
// Alone: Hangfire's log provider is process-wide, and a runtime disposed beside another's job creation breaks it.
[Collection(nameof(WorkerFaultTests))]
public sealed class StrandedSubmissionSweepTests
{
    [Fact]
    public async Task Requeue_QueuesGrading_ForSubmissionsWithoutALiveJob_Once()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 3);
        var now = DateTimeOffset.UtcNow;
        // s001 as its job was being created when the database went away: stored, no job.
        var noJob = await StoreWithoutJobAsync(scenario, "s001", now.AddMinutes(-1));
        // s002's job was created but never got its first state, so no worker will ever fetch it.
        var stateless = await StoreWithoutJobAsync(scenario, "s002", now.AddMinutes(-1));
        var storage = scenario.Runtime.Get<JobStorage>();
        using (var connection = storage.GetConnection())
            connection.CreateExpiredJob(Job.FromExpression<GradeSubmissionJob>(j => j.RunAsync(stateless, null, CancellationToken.None)),
                new Dictionary<string, string?>(), DateTime.UtcNow.AddMinutes(-1), TimeSpan.FromDays(1));
        // s003 submitted the ordinary way: its job is enqueued.
        var queued = (await scenario.SubmitAsync("s003", seed: 3)).SubmissionId;
        await using (var db = scenario.Db())
            await db.Submissions.Where(s => s.Id == queued).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubmittedAt, now.AddMinutes(-1)));
        var sweep = scenario.Runtime.Get<StrandedSubmissionSweep>();

        Assert.Equal(2, await sweep.RequeueAsync(now, default));
        Assert.Equal(0, await sweep.RequeueAsync(now, default));

        var enqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100).Select(j => (long)j.Value.Job.Args[0]).Order().ToList();
        Assert.Equal(new[] { noJob, stateless, queued }.Order(), enqueued);
    }

    [Fact]
    public async Task Requeue_LeavesAFreshSubmission_ToItsOwnJobStillBeingCreated()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 1);
        var now = DateTimeOffset.UtcNow;
        await StoreWithoutJobAsync(scenario, "s001", now.AddSeconds(-5));
        Assert.Equal(0, await scenario.Runtime.Get<StrandedSubmissionSweep>().RequeueAsync(now, default));
    }

    /// <summary>A submission row as <see cref="SubmissionService"/> stores it, without the job it would queue next.</summary>
    internal static async Task<long> StoreWithoutJobAsync(CourseScenario scenario, string student, DateTimeOffset at)
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
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    }
}
