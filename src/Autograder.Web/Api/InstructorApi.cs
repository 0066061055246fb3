using System.Security.Claims;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Reports;
using Autograder.Web.Access;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Api;

/// <summary>Instructor routes beyond the contract's: grades in Canvas's layout and the exam's course summary PDF.</summary>
public static class InstructorApi
{
    public static RouteGroupBuilder MapInstructorApi(this RouteGroupBuilder api)
    {
        api.MapGet("/courses/{course}/exams/{exam}/grades-canvas.csv", CanvasAsync);
        api.MapGet("/courses/{course}/exams/{exam}/summary.pdf", SummaryAsync);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CanvasAsync(string course, string exam, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, CanvasExport export, CancellationToken ct)
    {
        var (found, error) = await ExamAsync(user, course, exam, access, exams, ct);
        if (error is not null) return error;
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await export.WriteAsync(found!, text, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"{course}-{exam}-canvas.csv");
    }

    /// <summary>The stored course summary, rendered now when there is none yet.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryAsync(string course, string exam, bool? fresh, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, CourseSummaryJob summary, IDbContextFactory<AutograderDb> dbs, CancellationToken ct)
    {
        var (found, error) = await ExamAsync(user, course, exam, access, exams, ct);
        if (error is not null) return error;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pdf = await db.Reports.AsNoTracking().Where(r => r.ExamId == found!.Id && r.Kind == ReportKinds.CourseSummary).Select(r => r.Pdf).SingleOrDefaultAsync(ct);
        if (pdf is null || fresh == true)
        {
            await summary.RunAsync(found!.Id, null, ct);
            pdf = await db.Reports.AsNoTracking().Where(r => r.ExamId == found.Id && r.Kind == ReportKinds.CourseSummary).Select(r => r.Pdf).SingleAsync(ct);
        }
        return TypedResults.File(pdf, "application/pdf", $"{course}-{exam}-summary.pdf");
    }

    /// <summary>The exam for its instructor; staff of other courses, who may not know of it, get 404 rather than 403.</summary>
    private static async Task<(Exam? Exam, ProblemHttpResult? Error)> ExamAsync(ClaimsPrincipal user, string course, string exam, CourseAccess access, ExamService exams, CancellationToken ct)
    {
        var (_, verdict) = await access.CourseAsync(user, course, CourseLevel.Member, ct);
        if (verdict == Verdict.Forbidden) return (null, Lookups.Refusal(Verdict.NotFound, $"course '{course}'"));
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Instructor, access, exams, ct);
        return (found, error);
    }
}
