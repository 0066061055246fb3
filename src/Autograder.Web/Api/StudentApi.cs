using System.Security.Claims;
using Autograder.Data;
using Autograder.Jobs.Regrading;
using Autograder.Jobs.Sittings;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Api;

/// <summary>What a student does through the API: their courses and exams, their variant, parse, drafts, submit, results, regrade requests.</summary>
public static class StudentApi
{
    public static RouteGroupBuilder MapStudentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync);
        api.MapGet("/courses/{course}/exams", ExamsAsync);
        api.MapGet("/courses/{course}/exams/{exam}/variant", VariantAsync);
        api.MapPost("/courses/{course}/exams/{exam}/parse", ParseAsync).RequireRateLimiting(RateLimits.Parse);
        api.MapGet("/courses/{course}/exams/{exam}/draft", DraftAsync);
        api.MapPut("/courses/{course}/exams/{exam}/draft", SaveDraftAsync);
        api.MapPost("/courses/{course}/exams/{exam}/submissions", SubmitAsync).RequireRateLimiting(RateLimits.Submit);
        api.MapGet("/submissions/{id:long}", SubmissionAsync);
        api.MapGet("/submissions/{id:long}/report.pdf", ReportAsync);
        api.MapPost("/submissions/{id:long}/regrade-requests", FileRegradeAsync);
        return api;
    }

    private static async Task<Ok<Me>> MeAsync(ClaimsPrincipal user, CourseAccess access, IDbContextFactory<AutograderDb> dbs, CancellationToken ct)
    {
        var personId = user.PersonIdOf()!.Value;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var courses = await access.MembershipsAsync(personId, ct);
        return TypedResults.Ok(new Me(person.Login, person.Name, [.. courses.Select(c => new MeCourse(c.Course.Code, c.Course.Title, Role(c.Role)))]));
    }

    public static string Role(Data.Model.CourseRole role) => role switch
    {
        Data.Model.CourseRole.Ta => "ta",
        var r => r.ToString().ToLowerInvariant(),
    };

    private static async Task<Results<Ok<List<ExamItem>>, ProblemHttpResult>> ExamsAsync(string course, ClaimsPrincipal user, CourseAccess access,
        ExamService exams, CancellationToken ct)
    {
        var (found, error) = await Lookups.CourseAsync(user, course, CourseLevel.Member, access, ct);
        if (error is not null) return error;
        var staff = await access.IsAsync(user, new CourseResource(found!.Id), CourseLevel.Staff);
        var list = await exams.ListAsync(found.Id, user.PersonIdOf()!.Value, staff, ct);
        return TypedResults.Ok(list.Select(Item).ToList());
    }

    public static ExamItem Item(ExamListItem e) => new(e.Exam.BankExamId, e.Exam.Title, e.Phase.ToString().ToLowerInvariant(), e.Clock.OpensAt, e.Clock.ClosesAt,
        e.Exam.TimeLimitMinutes, e.Clock.Deadline, e.AttemptsUsed, e.Exam.AttemptsAllowed)
    {
        MyDueAt = e.Clock.DueAt,
        LatePolicy = e.Clock.LateUntil is null ? null : new ExamLatePolicy(e.Clock.LateUntil, e.Clock.LatePenaltyPercent, e.Clock.LatePenaltyPerDay),
    };

    private static async Task<Results<Ok<VariantResponse>, ProblemHttpResult>> VariantAsync(string course, string exam, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        var personId = user.PersonIdOf()!.Value;
        var (clock, _, _) = await exams.ClockAsync(found!, personId, ct);
        if (clock.PhaseAt(DateTimeOffset.UtcNow) == ExamPhase.Upcoming) return ApiErrors.Forbidden(ExamService.Refusal(ExamPhase.Upcoming, clock));
        var problems = await exams.VariantAsync(found!, personId, ct);
        if (problems is null) return ApiErrors.NotFound("You have no variant of this exam.");
        // Reading the variant is opening the exam: a time limit starts here.
        await exams.OpenAsync(found!, personId, ct);
        return TypedResults.Ok(new VariantResponse(found!.BankExamId, user.LoginOf()!, [.. problems.Select(p => new VariantProblem(p.Id, p.Title, p.Points, p.StatementHtml,
            [.. p.Parts.Select(part => new VariantPart(part.Id, part.Type, part.Prompt, part.Points, part.Hint))]))]));
    }

    private static async Task<Results<Ok<ParseResponse>, ValidationProblem, ProblemHttpResult>> ParseAsync(string course, string exam, ParseRequest? body,
        ClaimsPrincipal user, CourseAccess access, ExamService exams, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        if (body is null) return ApiErrors.BadInput("body", "is required: {\"problem\", \"part\", \"answer\"}");
        var (part, field, message) = exams.FindPart(found!, body.Problem, body.Part);
        if (part is null) return ApiErrors.BadInput(field!, message!);
        var parsed = ExamService.Parse(part, body.Answer);
        return TypedResults.Ok(new ParseResponse(parsed.Ok, parsed.Understood, parsed.UnderstoodLatex, parsed.Error));
    }

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> DraftAsync(string course, string exam, ClaimsPrincipal user,
        CourseAccess access, ExamService exams, IDbContextFactory<AutograderDb> dbs, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        var personId = user.PersonIdOf()!.Value;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sitting = await db.Sittings.AsNoTracking().SingleOrDefaultAsync(s => s.ExamId == found!.Id && s.PersonId == personId, ct);
        return TypedResults.Ok(new DraftResponse(sitting?.Draft ?? [], sitting?.DraftSavedAt));
    }

    private static async Task<Results<Ok<DraftSaved>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(string course, string exam, AnswersRequest? body,
        ClaimsPrincipal user, CourseAccess access, ExamService exams, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        if (body?.Answers is not { } answers) return ApiErrors.BadInput("answers", "is required: {\"problem-id\": {\"part-id\": answer}}");
        if (exams.CheckAnswers(found!, answers) is { } bad) return ApiErrors.BadInput("answers", bad);
        var personId = user.PersonIdOf()!.Value;
        if (!await exams.HasVariantAsync(found!, personId, ct)) return ApiErrors.NotFound("You have no variant of this exam.");
        try
        {
            return TypedResults.Ok(new DraftSaved(await exams.SaveDraftAsync(found!, personId, answers, ct)));
        }
        catch (SubmitRefusedException e)
        {
            return ApiErrors.Conflict(e.Message);
        }
    }

    private static async Task<Results<Accepted<SubmitResponse>, Ok<SubmitResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(string course, string exam,
        AnswersRequest? body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, CourseAccess access, ExamService exams, CancellationToken ct)
    {
        var (found, _, error) = await Lookups.ExamAsync(user, course, exam, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(key)) return ApiErrors.BadInput("Idempotency-Key", "is required: a header with a key of your choosing, the same on every retry of this submission");
        if (key.Length > 200) return ApiErrors.BadInput("Idempotency-Key", "is longer than 200 characters");
        if (body?.Answers is not { } answers) return ApiErrors.BadInput("answers", "is required: {\"problem-id\": {\"part-id\": answer}}");
        if (exams.CheckAnswers(found!, answers) is { } bad) return ApiErrors.BadInput("answers", bad);
        var personId = user.PersonIdOf()!.Value;
        if (!await exams.HasVariantAsync(found!, personId, ct)) return ApiErrors.NotFound("You have no variant of this exam.");
        try
        {
            var result = await exams.SubmitAsync(found!, personId, user.LoginOf()!, answers, key, ct);
            var response = new SubmitResponse(result.Id, result.Attempt, result.State);
            return result.Created ? TypedResults.Accepted($"/api/v1/submissions/{result.Id}", response) : TypedResults.Ok(response);
        }
        catch (SubmitRefusedException e)
        {
            return ApiErrors.Conflict(e.Message);
        }
    }

    private static async Task<Results<Ok<SubmissionResponse>, ProblemHttpResult>> SubmissionAsync(long id, ClaimsPrincipal user, CourseAccess access,
        ExamService exams, CancellationToken ct)
    {
        var (staff, error) = await Lookups.SubmissionAsync(user, id, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        var view = await exams.SubmissionAsync(id, staff, ct);
        return view is null ? ApiErrors.NotFound($"There is no submission {id}.") : TypedResults.Ok(Response(view));
    }

    public static SubmissionResponse Response(SubmissionView v) => new(v.Id, v.Exam, v.Student, v.Attempt, v.State, v.SubmittedAt, v.GradedAt, v.Score, v.Max,
        [.. v.Problems.Select(p => new SubmissionProblem(p.Id, p.Score, p.Max,
            [.. p.Parts.Select(part => new SubmissionPart(part.Id, part.Score, part.Max, part.Feedback, part.Rule, part.FormatError, part.Understood, part.Pending, part.Reference))]))],
        v.ReportAvailable,
        [.. v.RegradeRequests.Select(r => new SubmissionRegrade(r.Id, r.ProblemId, r.PartId, r.Reason, r.State.ToString().ToLowerInvariant(), r.Response))])
    {
        Late = v.Late is { } late ? new SubmissionLate(Math.Round(late.By.TotalMinutes, 1), late.PenaltyPercent, late.RawScore) : null,
    };

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportAsync(long id, ClaimsPrincipal user, CourseAccess access,
        ExamService exams, CancellationToken ct)
    {
        var (staff, error) = await Lookups.SubmissionAsync(user, id, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        var pdf = await exams.ReportAsync(id, staff, ct);
        return pdf is null
            ? ApiErrors.NotFound($"Submission {id} has no released report yet.")
            : TypedResults.File(pdf, "application/pdf", $"submission-{id}.pdf");
    }

    private static async Task<Results<Created<RegradeRequestCreated>, ValidationProblem, ProblemHttpResult>> FileRegradeAsync(long id, RegradeRequestBody? body,
        ClaimsPrincipal user, CourseAccess access, ExamService exams, RegradeRequests requests, CancellationToken ct)
    {
        var (_, error) = await Lookups.SubmissionAsync(user, id, CourseLevel.Member, access, exams, ct);
        if (error is not null) return error;
        if (await exams.OwnerAsync(id, ct) is not { } owner || owner.PersonId != user.PersonIdOf()) return ApiErrors.Forbidden("Only the student who submitted can ask for a regrade.");
        if (string.IsNullOrWhiteSpace(body?.Problem)) return ApiErrors.BadInput("problem", "is required");
        if (string.IsNullOrWhiteSpace(body.Reason)) return ApiErrors.BadInput("reason", "is required: say what should be looked at again");
        var view = await exams.SubmissionAsync(id, staff: false, ct);
        if (view is null || !view.Graded) return ApiErrors.Conflict($"Submission {id} is not graded yet.");
        var filed = await requests.FileAsync(id, body.Problem, string.IsNullOrWhiteSpace(body.Part) ? null : body.Part, body.Reason, ct);
        return TypedResults.Created($"/api/v1/submissions/{id}", new RegradeRequestCreated(filed.Id, filed.State.ToString().ToLowerInvariant()));
    }
}
