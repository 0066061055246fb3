using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Reports;
using Autograder.Reports.Summaries;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Staff;

/// <summary>
/// A wrong answer to the student's own variant that is exactly another student's reference answer: a signal for a
/// person to look at, never a penalty.
/// </summary>
public sealed record CopySignal(string Student, long SubmissionId, string ProblemId, string PartId, string Answer, string MatchesStudent);

public sealed record ExamStatistics(SummaryStatistics Summary, IReadOnlyList<int> Histogram, double BucketWidth, IReadOnlyList<CopySignal> Signals);

/// <summary>The statistics page's numbers: the same item analysis as the PDF course summary, a score histogram and copying signals.</summary>
public sealed class CourseStatistics(IDbContextFactory<AutograderDb> dbs, ProblemBank bank)
{
    public const int Buckets = 10;

    public async Task<ExamStatistics> ComputeAsync(Exam exam, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await CourseSummaryJob.LatestResults(db, exam.Id, ct);
        var problems = bank.Exam(exam.BankExamId).Problems.Select(p => p.ProblemId).ToHashSet(StringComparer.Ordinal);
        // Code questions some students added are left out, as in the PDF summary.
        var results = rows.Select(r => (r.SubmissionId, Result: ExamProblemsOnly(ExamResult.FromJson(r.Document), problems))).ToList();
        var summary = SummaryStatistics.Compute([.. results.Select(r => r.Result)], commonWrongAnswers: 5);
        var width = summary.Max > 0 ? summary.Max / Buckets : 1;
        var histogram = new int[Buckets];
        foreach (var (_, r) in results) histogram[Math.Clamp((int)Math.Floor(r.Score / width), 0, Buckets - 1)]++;
        return new ExamStatistics(summary, histogram, width, Signals(results));
    }

    internal static IReadOnlyList<CopySignal> Signals(IReadOnlyList<(long SubmissionId, ExamResult Result)> results)
    {
        var references = new Dictionary<(string, string, string), List<string>>();
        foreach (var (_, r) in results)
        foreach (var p in r.Problems)
        foreach (var part in p.Parts.Where(x => x.Reference is not null))
        {
            var key = (p.ProblemId, part.PartId, part.Reference!);
            if (!references.TryGetValue(key, out var who)) references[key] = who = [];
            who.Add(r.StudentId);
        }
        var signals = new List<CopySignal>();
        foreach (var (id, r) in results)
        foreach (var p in r.Problems)
        foreach (var part in p.Parts)
        {
            if (part.Answer is not { } answer || part.FormatError || part.Reference is null || answer == part.Reference || part.Score >= part.Max - 1e-9) continue;
            if (references.TryGetValue((p.ProblemId, part.PartId, answer), out var owners) && owners.FirstOrDefault(o => o != r.StudentId) is { } other)
                signals.Add(new CopySignal(r.StudentId, id, p.ProblemId, part.PartId, answer, other));
        }
        return signals;
    }

    private static ExamResult ExamProblemsOnly(ExamResult result, HashSet<string> problems) =>
        result.Problems.All(p => problems.Contains(p.ProblemId)) ? result : (result with { Problems = [.. result.Problems.Where(p => problems.Contains(p.ProblemId))] }).WithTotals();
}
