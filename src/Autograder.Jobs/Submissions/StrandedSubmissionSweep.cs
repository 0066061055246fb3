using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Jobs.Submissions;

/// <summary>
/// Queues grading again for submissions that were stored but whose grade job never came to be: storing a submission and
/// creating its job are two writes, and a database restart or an exhausted pool between them (seen in the fault run)
/// leaves a submission Queued with no job, or with a job that never got a state and so never runs. Such a submission
/// is queued again once it has waited <see cref="JobSettings.StrandedAfter"/> with no grade job that is enqueued,
/// scheduled, processing or awaiting; one with such a job is left alone, so nothing is graded twice.
/// </summary>
public sealed class StrandedSubmissionSweep(IDbContextFactory<AutograderDb> dbs, IBackgroundJobClient jobs, Core.Bank.ProblemBank bank, JobSettings settings,
    ILogger<StrandedSubmissionSweep> logger) : BackgroundService
{
    /// <summary>The PostgreSQL advisory lock a host holds while it sweeps.</summary>
    public const long LockKey = 0x535452414e444544;

    private static readonly string GradeJobType = typeof(Grading.GradeSubmissionJob).FullName + ",%";

    /// <summary>One pass at <paramref name="now"/>; returns how many submissions were queued again (0 when another host holds the pass).</summary>
    public async Task<int> RequeueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await AdvisoryLock.TryRunAsync(db, LockKey, 0, async () =>
        {
            var queued = nameof(SubmissionState.Queued);
            var before = now - settings.StrandedAfter;
            // NOT IN over one scan of the live jobs (a hashed subplan): a correlated NOT EXISTS on the JSON arguments is
            // a nested loop, and took 30 s a pass with 20,000 submissions queued.
            var stranded = await db.Database.SqlQuery<long>($"""
                SELECT s."Id" AS "Value" FROM "Submissions" s
                WHERE s."State" = {queued} AND s."SubmittedAt" < {before}
                AND s."Id"::text NOT IN (SELECT j.arguments->>0 FROM hangfire.job j
                    WHERE j.statename IN ('Enqueued', 'Scheduled', 'Processing', 'Awaiting')
                    AND j.invocationdata->>'Type' LIKE {GradeJobType} AND j.arguments->>0 IS NOT NULL)
                ORDER BY s."Id" LIMIT {settings.AutoSubmitBatchSize}
                """).ToListAsync(ct);
            foreach (var id in stranded)
            {
                var submission = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id, ct);
                SubmissionService.Enqueue(jobs, id, SubmissionService.QueueFor(bank, submission.Answers, submission.Code is null ? null : submission.CodeProblemId));
            }
            if (stranded.Count > 0) logger.LogWarning("queued grading again for {Count} submissions stored without a grade job", stranded.Count);
            return stranded.Count;
        }, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.StrandedCheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RequeueAsync(DateTimeOffset.UtcNow, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database restarting or unreachable: the next tick looks again.
                logger.LogWarning(e, "stranded-submission check failed; retrying in {Interval}", settings.StrandedCheckInterval);
            }
        }
    }
}
