using System.Security.Claims;
using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Exams;
using Microsoft.AspNetCore.Mvc;

namespace Autograder.Web.Staff;

/// <summary>
/// The lookups staff and instructor pages start with, through <see cref="CourseAccess"/>: a course (or its exam) by code,
/// 404 for whoever is not in the course at all, 403 for a member whose role is not enough.
/// </summary>
public static class StaffPages
{
    public static readonly IActionResult Forbidden = new StatusCodeResult(StatusCodes.Status403Forbidden);

    public static async Task<(Course? Course, IActionResult? Refusal)> PageCourseAsync(this CourseAccess access, ClaimsPrincipal user, string code, CourseLevel level, CancellationToken ct)
    {
        var (course, verdict) = await access.CourseAsync(user, code, CourseLevel.Member, ct);
        if (verdict != Verdict.Allowed) return (null, verdict == Verdict.SignedOut ? new ChallengeResult() : new NotFoundResult());
        return await access.IsAsync(user, new CourseResource(course!.Id), level) ? (course, null) : (null, Forbidden);
    }

    /// <summary>An exam of the course by its bank id, drafts included (staff see them).</summary>
    public static async Task<(Course? Course, Exam? Exam, IActionResult? Refusal)> PageExamAsync(this CourseAccess access, ExamService exams, ClaimsPrincipal user,
        string code, string examId, CourseLevel level, CancellationToken ct)
    {
        var (course, refusal) = await access.PageCourseAsync(user, code, level, ct);
        if (refusal is not null) return (null, null, refusal);
        var exam = await exams.FindAsync(course!.Id, examId, staff: true, ct);
        return exam is null ? (null, null, new NotFoundResult()) : (course, exam, null);
    }

    /// <summary>A submission's part for staff: 404 unless the caller is its student or staff of its course, then 403 for the student.</summary>
    public static async Task<IActionResult?> PageSubmissionAsync(this CourseAccess access, ExamService exams, ClaimsPrincipal user, long id, CourseLevel level, CancellationToken ct)
    {
        if (await exams.OwnerAsync(id, ct) is not { } owner) return new NotFoundResult();
        return await access.OwnedAsync(user, new CourseResource(owner.CourseId, owner.PersonId), level) switch
        {
            Verdict.Allowed => null,
            Verdict.SignedOut => new ChallengeResult(),
            Verdict.Forbidden => Forbidden,
            _ => new NotFoundResult(),
        };
    }

    public static string Kind(WorkKind kind) => kind switch
    {
        WorkKind.Manual => "manual",
        WorkKind.Regrade => "regrade",
        WorkKind.FormatError => "format-error",
        _ => "limit",
    };

    public static WorkKind? Kind(string? text) => text switch
    {
        "manual" => WorkKind.Manual,
        "regrade" => WorkKind.Regrade,
        "format-error" => WorkKind.FormatError,
        "limit" => WorkKind.Limit,
        _ => null,
    };

    public static string Label(WorkKind kind) => kind switch
    {
        WorkKind.Manual => "to grade",
        WorkKind.Regrade => "regrade requests",
        WorkKind.FormatError => "format errors",
        _ => "code that hit a limit",
    };

    public static string GradeUrl(long submission, string problem, string part, WorkKind? kind = null) =>
        $"/staff/submissions/{submission}/{Uri.EscapeDataString(problem)}/{Uri.EscapeDataString(part)}" + (kind is { } k ? $"?kind={Kind(k)}" : "");

    public static string Points(double x) => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
