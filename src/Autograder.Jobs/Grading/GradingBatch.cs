using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Reports;
using Autograder.Jobs.Submissions;
using Autograder.Jobs.Telemetry;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Grading;

/// <summary>
/// Grades a dispatcher's batch of submissions inside one grade job, so that a burst of submissions is not one job-engine
/// round per submission, and queues one report job for the batch. Only submissions never started (state Queued) with no
/// code are taken: one whose batch died stays Grading with its unfinished run, and is graded alone as its own job would,
/// so the deaths that fail a submission stay counted per submission. Each taken submission is held by a PostgreSQL
/// advisory lock for as long as the batch grades it, so no other job grades it at the same time.
/// </summary>
public sealed class GradingBatch(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, IBackgroundJobClient jobs, JobSettings settings,
    AnswerGroups groups, AutograderMetrics metrics)
{
    /// <summary>The first key of the advisory locks of submissions being graded (the second is the submission's id).</summary>
    private const int LockSpace = 0x47524144;

    /// <summary>Takes those of <paramref name="submissionIds"/> still to be graded that no other job holds, and grades them; returns the ones it took.</summary>
    public async Task<IReadOnlySet<long>> RunAsync(long[] submissionIds, PerformContext? context, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var claimed = new List<Submission>();
            var runs = new Dictionary<long, JobRun>();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var queued = nameof(SubmissionState.Queued);
                // Waits for row locks rather than skipping them: the dispatcher that queued this job holds its rows until it
                // commits, a moment after the job exists. Rows taken meanwhile by another job are read again and left out.
                var candidates = await db.Submissions.FromSql(
                    $"SELECT * FROM \"Submissions\" WHERE \"Id\" = ANY({submissionIds}) AND \"State\" = {queued} AND \"Code\" IS NULL ORDER BY \"Id\" FOR UPDATE").ToListAsync(ct);
                var plain = candidates.Where(s => GradingDispatcher.QueueFor(bank, s.Answers, null) == Queues.Default).ToList();
                // One held by another job while it grades it is left to the one-by-one path, which waits for that job.
                var held = await AdvisoryLock.TryHoldEachAsync(db, LockSpace, [.. plain.Select(s => LockKey(s.Id))], ct);
                claimed.AddRange(plain.Where(s => held.Contains(LockKey(s.Id))));
                foreach (var s in claimed)
                {
                    var run = JobRuns.Start(db, GradeSubmissionJob.Kind, s.Id, s.SubmittedAt, context);
                    s.State = SubmissionState.Grading;
                    s.GradingStartedAt = run.StartedAt;
                    runs[s.Id] = run;
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            var taken = claimed.Select(s => s.Id).ToHashSet();
            if (claimed.Count == 0) return taken;
            if (settings.TestGradingDelay > TimeSpan.Zero) await Task.Delay(settings.TestGradingDelay, ct);

            var examIds = claimed.Select(s => s.ExamId).Distinct().ToList();
            var personIds = claimed.Select(s => s.PersonId).Distinct().ToList();
            var exams = await db.Exams.AsNoTracking().Where(e => examIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var variants = (await db.Variants.AsNoTracking().Where(v => examIds.Contains(v.ExamId) && personIds.Contains(v.PersonId)).ToListAsync(ct))
                .ToLookup(v => (v.ExamId, v.PersonId));
            var changes = (await db.ScoreChanges.AsNoTracking().Where(c => taken.Contains(c.SubmissionId)).ToListAsync(ct)).ToLookup(c => c.SubmissionId);

            var graded = new List<(Submission Submission, ExamResult Result)>();
            foreach (var s in claimed)
            {
                try
                {
                    var result = SubmissionGrader.Grade(bank, exams[s.ExamId], s, people[s.PersonId], [.. variants[(s.ExamId, s.PersonId)]]);
                    graded.Add((s, TaChanges.Apply(result, [.. changes[s.Id]])));
                }
                catch (Exception e) when (GradeSubmissionJob.FailureReason(e) is { } reason)
                {
                    // As in the submission's own job: the answers cannot be graded as given, which a retry would not change.
                    s.State = SubmissionState.Failed;
                    s.Error = reason;
                    JobRuns.Finish(runs[s.Id], "failed: " + reason);
                }
            }

            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var done = graded.Select(g => g.Submission.Id).ToList();
                await db.Results.Where(r => done.Contains(r.SubmissionId)).ExecuteDeleteAsync(ct);
                var now = DateTimeOffset.UtcNow;
                var rows = new List<GradingResult>();
                foreach (var (s, result) in graded)
                {
                    rows.Add(SubmissionGrader.ToRow(result, s.Id, clock.Elapsed / claimed.Count));
                    s.State = SubmissionState.Graded;
                    s.GradedAt = now;
                    s.Error = null;
                    JobRuns.Finish(runs[s.Id], "graded");
                }
                await ResultRows.AddAsync(db, rows, ct);
                await tx.CommitAsync(ct);
            }
            foreach (var (s, _) in graded) metrics.Graded(s.SubmittedAt, s.GradedAt!.Value);

            var reports = new List<long>();
            // Asked once for the batch: most exams have no group a TA graded, and then no submission needs a look of its own.
            var grouped = await db.AnswerGroupGrades.AnyAsync(g => examIds.Contains(g.ExamId), ct);
            foreach (var (s, _) in graded)
            {
                // An answer that falls into a group a TA already graded gets the group's grade (and the report that follows it).
                if (!grouped || await groups.ApplyToAsync(s.Id, ct) == 0) reports.Add(s.Id);
            }
            if (reports.Count > 0 && settings.RenderReports)
            {
                long[] batch = [.. reports];
                jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunBatchAsync(batch, null, CancellationToken.None));
            }
            return taken;
        }
        finally
        {
            await UnlockAllAsync(db);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static int LockKey(long submissionId) => unchecked((int)submissionId);

    /// <summary>Waits until no other job holds <paramref name="submissionId"/>, then holds it on <paramref name="db"/>'s open connection.</summary>
    internal static Task LockAsync(AutograderDb db, long submissionId, CancellationToken ct) =>
        AdvisoryLock.HoldAsync(db, LockSpace, LockKey(submissionId), ct);

    internal static Task UnlockAllAsync(AutograderDb db) => AdvisoryLock.ReleaseAllAsync(db);
}
