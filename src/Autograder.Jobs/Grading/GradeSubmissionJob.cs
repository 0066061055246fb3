using System.Diagnostics;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Reports;
using Autograder.Jobs.Telemetry;
using Autograder.Sandbox.Grading;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Grading;

/// <summary>
/// Grades one submission: loads it and its stored variants, grades, and replaces its result in one transaction
/// (so grading twice leaves one result), then queues its report. Reentrant: a retry simply grades again.
/// </summary>
// Retries are for the infrastructure (database, network); what the answers cause fails once with its reason (FailureReason).
[AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 3, 5, 8, 13, 21, 30, 30, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class GradeSubmissionJob(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, IBackgroundJobClient jobs, JobSettings settings, CodeParts code,
    AnswerGroups groups, AutograderMetrics metrics, GradingBatch batch)
{
    public const string Kind = "grade";

    /// <summary>A grading whose process died this many times is the submission's doing, not a lost machine's: it fails.</summary>
    public const int DeathsBeforeFailing = 2;

    public async Task RunAsync(long submissionId, PerformContext? context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Held while this job grades its submission: another job grading it now (a batch, a second dispatch) finishes first.
            await GradingBatch.LockAsync(db, submissionId, ct);
            await GradeAsync(db, submissionId, clock, context, ct);
        }
        finally
        {
            await GradingBatch.UnlockAllAsync(db);
        }
    }

    /// <summary>
    /// Grades the dispatcher's batch of plain submissions together, with one report job; any it could not take as a batch
    /// (a batch of this job that died left them Grading, another job holds one) are graded one by one as their own job would.
    /// </summary>
    public async Task RunBatchAsync(long[] submissionIds, PerformContext? context, CancellationToken ct)
    {
        var taken = await batch.RunAsync(submissionIds, context, ct);
        foreach (var id in submissionIds.Where(id => !taken.Contains(id))) await RunAsync(id, context, ct);
    }

    /// <summary>Grades the submission, unless another job graded it already.</summary>
    private async Task GradeAsync(AutograderDb db, long submissionId, Stopwatch clock, PerformContext? context, CancellationToken ct)
    {
        var submission = await db.Submissions.Include(s => s.Exam).Include(s => s.Person).SingleOrDefaultAsync(s => s.Id == submissionId, ct);
        if (submission is null) return;
        // Grade jobs are only queued for a submission still to be graded, so a graded one was graded by another job (a
        // second dispatch after a dispatcher died, the stranded check): grading it again would be a second grading, not a retry.
        // (This job's own retry after its process died past the commit still grades again, so the report is queued.)
        if (context?.BackgroundJob is { } self && submission.State is (SubmissionState.Graded or SubmissionState.Reported or SubmissionState.Failed)
            && !await db.JobRuns.AnyAsync(r => r.Kind == Kind && r.SubjectId == submissionId && r.Outcome == "graded" && r.HangfireJobId == self.Id, ct))
            return;
        // A run that started and never finished lost its process; runs the job engine retried after an error are not deaths.
        var unfinished = await db.JobRuns.CountAsync(r => r.Kind == Kind && r.SubjectId == submissionId && r.FinishedAt == null, ct);
        var deaths = unfinished - (context?.GetJobParameter<int?>("RetryCount") ?? 0);
        var run = JobRuns.Start(db, Kind, submissionId, submission.SubmittedAt, context);
        if (deaths >= DeathsBeforeFailing)
        {
            await FailAsync(db, submission, run, $"grading stopped {deaths} times without finishing: the grading process died while running this submission", ct);
            return;
        }
        submission.State = SubmissionState.Grading;
        submission.GradingStartedAt = run.StartedAt;
        await db.SaveChangesAsync(ct);

        if (settings.TestGradingDelay > TimeSpan.Zero) await Task.Delay(settings.TestGradingDelay, ct);

        var variants = await db.Variants.AsNoTracking().Where(v => v.ExamId == submission.ExamId && v.PersonId == submission.PersonId).ToListAsync(ct);
        ExamResult result;
        try
        {
            var answers = submission.Answers;
            result = SubmissionGrader.Grade(bank, submission.Exam!, submission, submission.Person!, variants);
            if (submission.Code is { } source)
            {
                // A code question outside the exam, sent on its own, is one more problem whose code part the sandbox completes.
                var problemId = submission.CodeProblemId ?? throw new BadInputException("problem", "a code submission names its question");
                var extra = code.Standalone(problemId);
                result = (result with { Problems = [.. result.Problems, extra] }).WithTotals();
                answers = (JsonObject)answers.DeepClone();
                answers[problemId] = new JsonObject(extra.Parts.Select(p => KeyValuePair.Create(p.PartId, (JsonNode?)JsonValue.Create(source))));
            }
            var waiting = result;
            result = await code.CompleteAsync(result, answers, submission.Attempt, ct);
            metrics.CodeGraded(waiting, result, code.IsolationWarnings.Count);
        }
        catch (Exception e) when (FailureReason(e) is { } reason)
        {
            // The answers cannot be graded as given (or the grader broke on them): a retry would fail the same way, so record why and stop.
            await FailAsync(db, submission, run, reason, ct);
            return;
        }

        // Grading again (a retry, a resubmitted job) keeps what TAs decided.
        result = TaChanges.Apply(result, await db.ScoreChanges.AsNoTracking().Where(c => c.SubmissionId == submissionId).ToListAsync(ct));

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Submissions\" WHERE \"Id\" = {submissionId} FOR UPDATE", ct);
            await db.Results.Where(r => r.SubmissionId == submissionId).ExecuteDeleteAsync(ct);
            db.Results.Add(SubmissionGrader.ToRow(result, submissionId, clock.Elapsed));
            submission.State = SubmissionState.Graded;
            submission.GradedAt = DateTimeOffset.UtcNow;
            submission.Error = null;
            JobRuns.Finish(run, "graded");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        metrics.Graded(submission.SubmittedAt, submission.GradedAt.Value);

        // An answer that falls into a group a TA already graded gets the group's grade (and the report that follows it).
        if (await groups.ApplyToAsync(submissionId, ct) == 0 && settings.RenderReports)
            jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunAsync(submissionId, null, CancellationToken.None));
    }

    private static async Task FailAsync(AutograderDb db, Submission submission, JobRun run, string reason, CancellationToken ct)
    {
        submission.State = SubmissionState.Failed;
        submission.Error = reason;
        JobRuns.Finish(run, "failed: " + reason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why grading a submission failed for good; null for a fault of the machines around it, which a retry may not meet.</summary>
    internal static string? FailureReason(Exception e) => e switch
    {
        BadInputException bad => $"{bad.Field}: {bad.Reason}",
        BankException => e.Message,
        _ when !IsInfrastructure(e) => $"internal error while grading: {e.GetType().Name}: {e.Message}",
        _ => null,
    };

    /// <summary>Faults of the machines around the grader, which a later attempt may not meet.</summary>
    public static bool IsInfrastructure(Exception e) =>
        e is System.Data.Common.DbException or DbUpdateException or TimeoutException or OperationCanceledException or Data.Postgres.PostgresUnavailableException
            // A worker without every isolation layer refuses code: another worker (or this one, mended) grades it later.
            or Sandbox.Grading.SandboxUnavailableException
        || e.InnerException is { } inner && IsInfrastructure(inner);
}
