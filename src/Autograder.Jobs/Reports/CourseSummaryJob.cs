using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Core.Grading;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Reports;

/// <summary>Renders an exam's course summary from the latest graded attempt of each student and stores it.</summary>
public sealed class CourseSummaryJob(IDbContextFactory<AutograderDb> dbs, Core.Bank.ProblemBank bank)
{
    public const string Kind = "course-summary";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(long examId, PerformContext? context, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exam = await db.Exams.Include(e => e.Course).SingleOrDefaultAsync(e => e.Id == examId, ct);
        if (exam is null) return;
        var run = JobRuns.Start(db, Kind, examId, DateTimeOffset.UtcNow, context);
        var problems = bank.Exam(exam.BankExamId).Problems.Select(p => p.ProblemId).ToHashSet(StringComparer.Ordinal);
        var results = (await LatestResults(db, examId, ct)).Select(r => ExamProblemsOnly(ExamResult.FromJson(r.Document), problems)).ToList();
        var open = (await db.RegradeRequests.AsNoTracking().Where(r => r.Submission!.ExamId == examId && r.State == RegradeRequestState.Open)
                .Select(r => new { r, r.Submission!.Person!.Login }).ToListAsync(ct))
            .Select(x => (x.Login, x.r)).ToList();
        var pdf = ReportRendering.CourseSummary(exam.Course!.Title, exam.Title, results, ct, open);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Reports.Where(r => r.ExamId == examId && r.Kind == ReportKinds.CourseSummary).ExecuteDeleteAsync(ct);
        db.Reports.Add(RenderReportJob.Stored(ReportKinds.CourseSummary, examId, null, pdf));
        JobRuns.Finish(run, $"{results.Count} results");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The summary compares the exam's problems across the class; code questions some students added are left out.</summary>
    private static ExamResult ExamProblemsOnly(ExamResult result, HashSet<string> problems)
    {
        if (result.Problems.All(p => problems.Contains(p.ProblemId))) return result;
        return (result with { Problems = result.Problems.Where(p => problems.Contains(p.ProblemId)).ToList() }).WithTotals();
    }

    /// <summary>Each student's result on their latest graded attempt.</summary>
    public static async Task<List<GradingResult>> LatestResults(AutograderDb db, long examId, CancellationToken ct)
    {
        var graded = await db.Submissions.AsNoTracking()
            .Where(s => s.ExamId == examId && s.Result != null)
            .Select(s => new { s.PersonId, s.Attempt, s.Result })
            .ToListAsync(ct);
        return [.. graded.GroupBy(s => s.PersonId).Select(g => g.MaxBy(s => s.Attempt)!.Result!)];
    }
}
