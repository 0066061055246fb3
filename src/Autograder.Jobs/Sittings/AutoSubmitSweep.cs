using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Jobs.Sittings;

/// <summary>What one pass of the sweep did.</summary>
public sealed record SweepOutcome(int Submitted, int Failed);

/// <summary>
/// Submits the saved draft of every opened sitting whose deadline (the student's own: extra time, a window of their own)
/// has passed and that has no submission since it was opened. One pass every <see cref="JobSettings.AutoSubmitInterval"/>
/// in every worker host, one host at a time (a PostgreSQL advisory lock), in batches; it holds no job slot and leaves
/// nothing in the job queue, so a restarted database or a killed worker cannot strand it. Idempotent: the key
/// <c>auto:&lt;sitting&gt;</c> makes a repeated or concurrent pass return the stored submission.
/// </summary>
public sealed class AutoSubmitSweep(IDbContextFactory<AutograderDb> dbs, SubmissionService submissions, JobSettings settings, ILogger<AutoSubmitSweep> logger)
    : BackgroundService
{
    public const string KeyPrefix = "auto:";

    /// <summary>The PostgreSQL advisory lock a host holds while it sweeps (any fixed number, unique among the database's locks).</summary>
    public const long LockKey = 0x4155544f5355424d;

    /// <summary>
    /// One pass at <paramref name="now"/>: every overdue sitting, <see cref="JobSettings.AutoSubmitBatchSize"/> at a
    /// time. Skips the pass when another host holds the sweep (the returned outcome is then empty).
    /// </summary>
    public async Task<SweepOutcome> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await AdvisoryLock.TryRunAsync(db, LockKey, new SweepOutcome(0, 0), async () =>
        {
            int submitted = 0, failed = 0;
            // Each sitting once per pass, whatever its submit did: a pass always ends.
            var seen = new HashSet<long>();
            while (true)
            {
                var batch = await OverdueAsync(db, now, seen, ct);
                if (batch.Count == 0) break;
                foreach (var sitting in batch)
                {
                    seen.Add(sitting.Id);
                    try
                    {
                        var outcome = await submissions.SubmitAsync(new SubmitRequest(sitting.Exam!.Course!.Code, sitting.Exam.BankExamId, sitting.Person!.Login,
                            sitting.Draft ?? [], $"{KeyPrefix}{sitting.Id}"), ct);
                        if (outcome.Created) submitted++;
                    }
                    catch (Exception e) when (e is Core.Inputs.BadInputException or DbUpdateException)
                    {
                        // One sitting that cannot be submitted must not hold up the others; the next pass tries it again.
                        logger.LogWarning(e, "auto-submit of sitting {Sitting} failed", sitting.Id);
                        failed++;
                    }
                }
            }
            return new SweepOutcome(submitted, failed);
        }, ct);
    }

    private async Task<List<ExamSitting>> OverdueAsync(AutograderDb db, DateTimeOffset now, HashSet<long> skip, CancellationToken ct)
    {
        var due = new List<ExamSitting>();
        var after = 0L;
        while (due.Count == 0)
        {
            // A superset in SQL (the window closed, or the time limit without extra time ran out), then each student's own clock.
            var candidates = await db.Sittings.AsNoTracking().Include(s => s.Exam).ThenInclude(e => e!.Course).Include(s => s.Person)
                .Where(s => s.Id > after && s.FirstOpenedAt != null && s.Exam!.State != ExamState.Draft
                    && ((s.ClosesAt ?? s.Exam.ClosesAt) <= now
                        || (s.Exam.TimeLimitMinutes != null && s.FirstOpenedAt.Value.AddMinutes(s.Exam.TimeLimitMinutes.Value) <= now))
                    && !db.Submissions.Any(x => x.ExamId == s.ExamId && x.PersonId == s.PersonId && x.SubmittedAt >= s.FirstOpenedAt)
                    && db.Submissions.Count(x => x.ExamId == s.ExamId && x.PersonId == s.PersonId) < s.Exam.AttemptsAllowed)
                .OrderBy(s => s.Id).Take(settings.AutoSubmitBatchSize).ToListAsync(ct);
            if (candidates.Count == 0) break;
            after = candidates[^1].Id;
            due.AddRange(candidates.Where(s => !skip.Contains(s.Id) && ExamClock.For(s.Exam!, s).Deadline is { } deadline && deadline <= now));
        }
        return due;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.AutoSubmitInterval);
        do
        {
            try
            {
                var outcome = await SweepAsync(DateTimeOffset.UtcNow, stoppingToken);
                if (outcome.Submitted > 0) logger.LogInformation("auto-submitted {Count} drafts at their deadline", outcome.Submitted);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database restarting or unreachable: the next tick tries again, nothing is lost in between.
                logger.LogWarning(e, "auto-submit sweep failed; retrying in {Interval}", settings.AutoSubmitInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
