using System.Security.Claims;
using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Exams;
using Autograder.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Autograder.Web.Api;

/// <summary>The lookups every route starts with: the course and exam by code, or the submission by id, through <see cref="CourseAccess"/>.</summary>
internal static class Lookups
{
    public static ProblemHttpResult? Refusal(Verdict verdict, string what) => verdict switch
    {
        Verdict.Allowed => null,
        Verdict.SignedOut => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first."),
        Verdict.Forbidden => ApiErrors.Forbidden($"Your role in this course does not allow this ({what})."),
        _ => ApiErrors.NotFound($"There is no {what}."),
    };

    public static async Task<(Course? Course, ProblemHttpResult? Error)> CourseAsync(ClaimsPrincipal user, string course, CourseLevel level,
        CourseAccess access, CancellationToken ct)
    {
        var (found, verdict) = await access.CourseAsync(user, course, level, ct);
        return (found, Refusal(verdict, $"course '{course}'"));
    }

    /// <summary>An exam the caller may know of: students see published exams only (404 for the others).</summary>
    public static async Task<(Exam? Exam, bool Staff, ProblemHttpResult? Error)> ExamAsync(ClaimsPrincipal user, string course, string exam,
        CourseLevel level, CourseAccess access, ExamService exams, CancellationToken ct)
    {
        var (found, error) = await CourseAsync(user, course, CourseLevel.Member, access, ct);
        if (error is not null) return (null, false, error);
        var staff = await access.IsAsync(user, new CourseResource(found!.Id), CourseLevel.Staff);
        var e = await exams.FindAsync(found.Id, exam, staff, ct);
        if (e is null) return (null, staff, ApiErrors.NotFound($"Course '{course}' has no exam '{exam}'."));
        if (level != CourseLevel.Member && !await access.IsAsync(user, new CourseResource(found.Id), level))
            return (null, staff, Refusal(Verdict.Forbidden, level == CourseLevel.Instructor ? "instructors only" : "staff only"));
        return (e, staff, null);
    }

    /// <summary>A submission: 404 unless the caller is its student or staff of its course; 403 when that is not enough for <paramref name="level"/>.</summary>
    public static async Task<(bool Staff, ProblemHttpResult? Error)> SubmissionAsync(ClaimsPrincipal user, long id, CourseLevel level,
        CourseAccess access, ExamService exams, CancellationToken ct)
    {
        if (await exams.OwnerAsync(id, ct) is not { } owner) return (false, ApiErrors.NotFound($"There is no submission {id}."));
        var verdict = await access.OwnedAsync(user, new CourseResource(owner.CourseId, owner.PersonId), level);
        if (verdict != Verdict.Allowed) return (false, Refusal(verdict, $"submission {id}"));
        return (await access.IsAsync(user, new CourseResource(owner.CourseId), CourseLevel.Staff), null);
    }
}
