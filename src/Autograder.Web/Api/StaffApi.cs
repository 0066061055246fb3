using System.Security.Claims;
using Autograder.Data;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Regrading;
using Autograder.Jobs.Submissions;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autograder.Web.Api;

/// <summary>Routes of TAs and instructors: submissions, grades, regrade requests; and of instructors only: regrade, grades export, release, account links.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        api.MapGet("/courses/{course}/exams/{exam}/submissions", SubmissionsAsync);
        api.MapPost("/submissions/{id:long}/grades", GradeAsync);
        api.MapGet("/courses/{course}/regrade-requests", RegradeRequestsAsync);
        api.MapPost("/regrade-requests/{id:long}/answer", AnswerAsync);
        api.MapPost("/courses/{course}/exams/{exam}/regrade", RegradeAsync);
        api.MapGet("/courses/{course}/exams/{exam}/grades.csv", GradesAsync);
        api.MapPost("/courses/{course}/exams/{exam}/release", ReleaseAsync);
        api.MapPost("/courses/{course}/account-links", AccountLinksAsync);
        return api;
    }

    private static async Task<Results<Ok<List<SubmissionListItem>>, ProblemHttpResult>> SubmissionsAsync(string course, string exam, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, StatusService status, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Staff, access, exams, ct);
        if (error is not null) return error;
        var rows = await status.SubmissionsAsync(found!.CourseId, found.BankExamId, int.MaxValue, ct);
        return TypedResults.Ok(rows.OrderBy(r => r.Id).Select(r => new SubmissionListItem(r.Id, r.Student, r.Attempt, ExamService.State(r.State), r.Score, r.Max, r.SubmittedAt)).ToList());
    }

    private static async Task<Results<Ok<SubmissionResponse>, ValidationProblem, ProblemHttpResult>> GradeAsync(long id, GradeBody? body, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, TaGrading grading, CancellationToken ct)
    {
        var (_, error) = await Lookups.SubmissionAsync(user, id, CourseLevel.Staff, access, exams, ct);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(body?.Problem)) return ApiErrors.BadInput("problem", "is required");
        if (string.IsNullOrWhiteSpace(body.Part)) return ApiErrors.BadInput("part", "is required");
        if (body.Score is not { } score) return ApiErrors.BadInput("score", "is required: the part's new score");
        if (string.IsNullOrWhiteSpace(body.Reason)) return ApiErrors.BadInput("reason", "is required: say why, for the student and the audit trail");
        // The comment is for the student; the audit trail keeps it with the reason.
        var reason = string.IsNullOrWhiteSpace(body.Comment) ? body.Reason : $"{body.Reason} — {body.Comment}";
        await grading.RecordAsync(new TaGrade(id, body.Problem, body.Part, score, user.LoginOf()!, reason, body.RubricItems ?? []), ct);
        return TypedResults.Ok(StudentApi.Response((await exams.SubmissionAsync(id, staff: true, ct))!));
    }

    private static async Task<Results<Ok<List<RegradeRequestItem>>, ValidationProblem, ProblemHttpResult>> RegradeRequestsAsync(string course, string? state,
        ClaimsPrincipal user, CourseAccess access, RegradeRequests requests, CancellationToken ct)
    {
        var (_, error) = await Lookups.CourseAsync(user, course, CourseLevel.Staff, access, ct);
        if (error is not null) return error;
        if (state is not (null or "open" or "all")) return ApiErrors.BadInput("state", "is 'open' or 'all'");
        var rows = await requests.ListAsync(course, state == "open", ct);
        return TypedResults.Ok(rows.Select(r => new RegradeRequestItem(r.Id, r.SubmissionId, r.RequestedBy, r.ProblemId, r.PartId, r.Reason, r.State.ToString().ToLowerInvariant())).ToList());
    }

    private static async Task<Results<Ok<AnswerResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(long id, AnswerBody? body, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, RegradeRequests requests, IDbContextFactory<AutograderDb> dbs, CancellationToken ct)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var submission = await db.RegradeRequests.AsNoTracking().Where(r => r.Id == id).Select(r => (long?)r.SubmissionId).SingleOrDefaultAsync(ct);
            if (submission is null) return ApiErrors.NotFound($"There is no regrade request {id}.");
            var (_, error) = await Lookups.SubmissionAsync(user, submission.Value, CourseLevel.Staff, access, exams, ct);
            if (error is not null) return error.StatusCode == StatusCodes.Status404NotFound ? ApiErrors.NotFound($"There is no regrade request {id}.") : error;
        }
        if (body?.Accept is not { } accept) return ApiErrors.BadInput("accept", "is required: true or false");
        if (string.IsNullOrWhiteSpace(body.Response)) return ApiErrors.BadInput("response", "is required: the answer the student reads");
        var answered = await requests.AnswerAsync(id, accept, user.LoginOf()!, body.Response, ct);
        return TypedResults.Ok(new AnswerResponse(answered.Id, answered.State.ToString().ToLowerInvariant(), answered.Response));
    }

    private static async Task<Results<Ok<RegradeResponse>, ValidationProblem, ProblemHttpResult>> RegradeAsync(string course, string exam, RegradeBody? body,
        ClaimsPrincipal user, CourseAccess access, ExamService exams, RegradeJob regrade, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Instructor, access, exams, ct);
        if (error is not null) return error;
        if (body?.Apply is not { } apply) return ApiErrors.BadInput("apply", "is required: false for a preview, true to store the new grades");
        var problem = string.IsNullOrWhiteSpace(body.Problem) ? null : body.Problem;
        var outcome = await regrade.RegradeAsync(found!.Id, problem, apply, null, null, ct);
        return TypedResults.Ok(new RegradeResponse(outcome.Submissions, [.. outcome.Changes.Select(d => new RegradeChange(d.SubmissionId, d.Student, d.ProblemId, d.PartId, d.OldScore, d.NewScore))]));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GradesAsync(string course, string exam, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, GradesExport export, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Instructor, access, exams, ct);
        if (error is not null) return error;
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await export.WriteCsvAsync(found!, text, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"{course}-{exam}-grades.csv");
    }

    private static async Task<Results<Ok<ReleaseResponse>, ValidationProblem, ProblemHttpResult>> ReleaseAsync(string course, string exam, ReleaseBody? body,
        ClaimsPrincipal user, CourseAccess access, ExamService exams, IDbContextFactory<AutograderDb> dbs, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Instructor, access, exams, ct);
        if (error is not null) return error;
        if (body is null) return ApiErrors.BadInput("body", "is required: {\"scores\", \"feedback\", \"reference_answers\", \"reports\"}");
        foreach (var (name, value) in new[] { ("scores", body.Scores), ("feedback", body.Feedback), ("reference_answers", body.ReferenceAnswers), ("reports", body.Reports) })
            if (value is null) return ApiErrors.BadInput(name, "is required: true or false");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.Exams.SingleAsync(e => e.Id == found!.Id, ct);
        stored.Release.Scores = body.Scores!.Value;
        stored.Release.Feedback = body.Feedback!.Value;
        stored.Release.ReferenceAnswers = body.ReferenceAnswers!.Value;
        stored.Release.Reports = body.Reports!.Value;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ReleaseResponse(stored.Release.Scores, stored.Release.Feedback, stored.Release.ReferenceAnswers, stored.Release.Reports));
    }

    /// <summary>Fresh set-password links for the course's accounts that have none yet; the links are shown only in this answer.</summary>
    private static async Task<Results<Ok<List<AccountLinkItem>>, ProblemHttpResult>> AccountLinksAsync(string course, HttpRequest request, ClaimsPrincipal user,
        CourseAccess access, AccountService accounts, IOptions<WebSettings> settings, CancellationToken ct)
    {
        var (found, error) = await Lookups.CourseAsync(user, course, CourseLevel.Instructor, access, ct);
        if (error is not null) return error;
        var baseUrl = settings.Value.PublicUrl ?? $"{request.Scheme}://{request.Host}";
        var rows = await accounts.IssueLinksAsync(found!.Id, baseUrl, ct);
        return TypedResults.Ok(rows.Select(r => new AccountLinkItem(r.Login, r.Name, r.State, r.ExpiresAt, r.Url)).ToList());
    }
}
