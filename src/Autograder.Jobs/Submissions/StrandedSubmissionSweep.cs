using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Jobs.Submissions;

/// <summary>
/// Dispatches grading again for submissions whose grade job is gone while they still wait: a job whose retries ran out
/// on a database that stayed away, one deleted from the dashboard, or a job store that lost it. A submission still
/// Queued <see cref="JobSettings.StrandedAfter"/> after it was dispatched whose job is not enqueued, scheduled,
/// processing or awaiting goes back to the dispatchers; one whose job is live is left alone, so nothing is graded twice.
/// (A dispatch cut off before it marked its submissions needs no sweep: they are still waiting, and dispatched again.)
/// </summary>
public sealed class StrandedSubmissionSweep(IDbContextFactory<AutograderDb> dbs, JobSettings settings, ILogger<StrandedSubmissionSweep> logger) : BackgroundService
{
    /// <summary>The PostgreSQL advisory lock a host holds while it sweeps.</summary>
    public const long LockKey = 0x535452414e444544;

    /// <summary>One pass at <paramref name="now"/>; returns how many submissions went back to the dispatchers (0 when another host holds the pass).</summary>
    public async Task<int> RequeueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await AdvisoryLock.TryRunAsync(db, LockKey, 0, async () =>
        {
            var queued = nameof(SubmissionState.Queued);
            var before = now - settings.StrandedAfter;
            // One primary-key probe of the job table per candidate: the submission names its job.
            var count = await db.Database.ExecuteSqlAsync($"""
                UPDATE "Submissions" SET "DispatchedAt" = NULL, "GradeJobId" = NULL
                WHERE "Id" IN (SELECT s."Id" FROM "Submissions" s
                    WHERE s."State" = {queued} AND s."DispatchedAt" < {before}
                    AND NOT EXISTS (SELECT 1 FROM hangfire.job j WHERE j.id = s."GradeJobId"
                        AND j.statename IN ('Enqueued', 'Scheduled', 'Processing', 'Awaiting'))
                    ORDER BY s."Id" LIMIT {settings.AutoSubmitBatchSize})
                """, ct);
            if (count > 0) logger.LogWarning("dispatching grading again for {Count} submissions whose grade job was lost", count);
            return count;
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
