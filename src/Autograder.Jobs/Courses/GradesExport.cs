using System.Globalization;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Reports;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Courses;

public sealed record GradeRow(string Student, string Name, IReadOnlyList<double?> Problems, double? Total, double? Max = null);

/// <summary>
/// One row per student of the roster, one column per problem of the exam (and per code question handed in with it), plus the
/// total (latest graded attempt; a late submission's total has its penalty taken off, its problems stay raw) and the points
/// possible. The plain CSV keeps exactly one row per student, so the points possible are a column (as Gradescope's "Max
/// Points"); the Canvas layout has its points-possible row instead.
/// </summary>
public sealed class GradesExport(IDbContextFactory<AutograderDb> dbs, ProblemBank bank)
{
    public const string PointsPossibleColumn = "points_possible";

    public async Task<(IReadOnlyList<string> Problems, IReadOnlyList<GradeRow> Rows)> RowsAsync(Exam exam, CancellationToken ct)
    {
        var (problems, rows, _) = await TableAsync(exam, ct);
        return (problems, rows);
    }

    private async Task<(IReadOnlyList<string> Problems, IReadOnlyList<GradeRow> Rows, double PointsPossible)> TableAsync(Exam exam, CancellationToken ct)
    {
        var problems = bank.Exam(exam.BankExamId).Problems.Select(p => p.ProblemId).ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var students = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student)
            .Select(e => e.Person!).OrderBy(p => p.Login).ToListAsync(ct);
        var results = (await CourseSummaryJob.LatestResults(db, exam.Id, ct))
            .Select(r => ExamResult.FromJson(r.Document))
            .ToDictionary(r => r.StudentId, StringComparer.Ordinal);
        var definition = bank.Exam(exam.BankExamId);
        // Code questions handed in with the exam get columns of their own after the exam's problems.
        problems.AddRange(results.Values.SelectMany(r => r.Problems.Select(p => p.ProblemId)).Distinct().Where(p => !problems.Contains(p)).Order(StringComparer.Ordinal).ToList());
        var rows = students.Select(s =>
        {
            if (!results.TryGetValue(s.Login, out var r)) return new GradeRow(s.Login, s.Name, [.. problems.Select(_ => (double?)null)], null);
            var scores = r.Problems.ToDictionary(p => p.ProblemId, p => p.Score, StringComparer.Ordinal);
            return new GradeRow(s.Login, s.Name, [.. problems.Select(p => scores.TryGetValue(p, out var x) ? x : (double?)null)], r.Score, r.Max);
        }).ToList();
        return (problems, rows, definition.TotalPoints);
    }

    public async Task WriteCsvAsync(Exam exam, TextWriter output, CancellationToken ct)
    {
        var (problems, rows, points) = await TableAsync(exam, ct);
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("student");
        csv.WriteField("name");
        foreach (var p in problems) csv.WriteField(p);
        csv.WriteField("total");
        csv.WriteField(PointsPossibleColumn);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            csv.WriteField(row.Student);
            csv.WriteField(row.Name);
            foreach (var score in row.Problems) csv.WriteField(Format(score));
            csv.WriteField(Format(row.Total));
            // A student who handed in a code question with the exam has its points on top of the exam's.
            csv.WriteField(Format(row.Max ?? points));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    private static string Format(double? x) => x is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";
}
