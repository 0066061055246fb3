using System.Security.Cryptography;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Core.Grading;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Reports;

/// <summary>Renders a graded submission's report and stores it (one per submission: a rerun replaces it).</summary>
public sealed class RenderReportJob(IDbContextFactory<AutograderDb> dbs, Telemetry.AutograderMetrics metrics)
{
    public const string Kind = "report";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 3, 10, 30, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(long submissionId, PerformContext? context, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var submission = await db.Submissions.Include(s => s.Result).Include(s => s.Exam!.Course).SingleOrDefaultAsync(s => s.Id == submissionId, ct);
        if (submission?.Result is not { } graded) return;
        var run = JobRuns.Start(db, Kind, submissionId, graded.GradedAt, context);
        var requests = await db.RegradeRequests.AsNoTracking().Where(r => r.SubmissionId == submissionId).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pdf = ReportRendering.Student(submission.Exam!.Course!.Title, ExamResult.FromJson(graded.Document), ct, requests);
        metrics.ReportRendered(clock.Elapsed);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Reports.Where(r => r.SubmissionId == submissionId && r.Kind == ReportKinds.Student).ExecuteDeleteAsync(ct);
        db.Reports.Add(Stored(ReportKinds.Student, submission.ExamId, submissionId, pdf));
        submission.State = SubmissionState.Reported;
        submission.ReportedAt = DateTimeOffset.UtcNow;
        JobRuns.Finish(run, "reported");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The reports of a batch graded in one job, each rendered and stored as by <see cref="RunAsync"/> (a rerun replaces them).</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 3, 10, 30, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunBatchAsync(long[] submissionIds, PerformContext? context, CancellationToken ct)
    {
        foreach (var id in submissionIds) await RunAsync(id, context, ct);
    }

    internal static Report Stored(string kind, long examId, long? submissionId, byte[] pdf) => new()
    {
        Kind = kind,
        ExamId = examId,
        SubmissionId = submissionId,
        Pdf = pdf,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
        GeneratedAt = DateTimeOffset.UtcNow,
    };
}
