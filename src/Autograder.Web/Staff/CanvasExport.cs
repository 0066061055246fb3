using System.Globalization;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Staff;

/// <summary>
/// Grades in the column layout Canvas imports: Student, ID, SIS User ID, SIS Login ID, Section, then one column for the
/// exam; the first row after the header holds the points possible. Logins are the SIS ids.
/// </summary>
public sealed class CanvasExport(IDbContextFactory<AutograderDb> dbs, GradesExport grades, ProblemBank bank)
{
    public async Task WriteAsync(Exam exam, TextWriter output, CancellationToken ct)
    {
        var (_, rows) = await grades.RowsAsync(exam, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var names = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student)
            .Select(e => new { e.Person!.Login, e.Person.Name }).ToDictionaryAsync(p => p.Login, p => p.Name, StringComparer.Ordinal, ct);
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        var column = $"{exam.Title} ({exam.BankExamId})";
        foreach (var h in new[] { "Student", "ID", "SIS User ID", "SIS Login ID", "Section", column }) csv.WriteField(h);
        await csv.NextRecordAsync();
        foreach (var f in new[] { "Points Possible", "", "", "", "", Format(bank.Exam(exam.BankExamId).TotalPoints) }) csv.WriteField(f);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            // Canvas matches "Last, First" or the SIS ids; the ids are what make the import exact.
            foreach (var f in new[] { Sortable(names.GetValueOrDefault(row.Student, row.Name)), "", row.Student, row.Student, "", row.Total is { } t ? Format(t) : "" })
                csv.WriteField(f);
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    private static string Sortable(string name) => name.LastIndexOf(' ') is var i and > 0 ? $"{name[(i + 1)..]}, {name[..i]}" : name;

    private static string Format(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);
}
