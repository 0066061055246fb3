using System.Diagnostics;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autograder.Jobs.Submissions;

public sealed record SubmitRequest(string CourseCode, string ExamId, string StudentLogin, JsonObject Answers, string IdempotencyKey)
{
    public string? Code { get; init; }
    public string? CodeProblemId { get; init; }
}

public sealed record SubmitOutcome(long SubmissionId, int Attempt, bool Created);

/// <summary>
/// Stores a submission for grading. The idempotency key is unique per course: sending the same submission again (a
/// retried upload, an LMS resend) returns the stored one. Storing it is the whole submit: the stored row waits for a
/// grade job (<see cref="Submission.DispatchedAt"/> null) and a worker host's <see cref="Grading.GradingDispatcher"/>
/// gives it one, so a submit is one insert on one connection, with no job-engine writes beside it.
/// </summary>
public sealed class SubmissionService(IDbContextFactory<AutograderDb> dbs, Core.Bank.ProblemBank bank, GradingSignal signal)
{
    public async Task<SubmitOutcome> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey)) throw new BadInputException("idempotency_key", "is empty");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Code == request.CourseCode, ct)
            ?? throw new BadInputException("course", $"no course '{request.CourseCode}'");
        if (await Existing(db, course.Id, request.IdempotencyKey, ct) is { } seen) return seen;

        var exam = await db.Exams.AsNoTracking().SingleOrDefaultAsync(e => e.CourseId == course.Id && e.BankExamId == request.ExamId, ct)
            ?? throw new BadInputException("exam", $"course '{request.CourseCode}' has no exam '{request.ExamId}'");
        if (exam.State == ExamState.Draft) throw new BadInputException("exam", $"exam '{request.ExamId}' is not published yet");
        var person = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == course.Id && e.Role == CourseRole.Student && e.Person!.Login == request.StudentLogin)
            .Select(e => e.Person!).SingleOrDefaultAsync(ct)
            ?? throw new BadInputException("student", $"'{request.StudentLogin}' is not a student of '{request.CourseCode}'");

        request = AsExamAnswer(request, exam);
        // Lateness is decided once, here, for every way in (web, API, command line, the auto-submit at the deadline).
        var sitting = exam.LateUntil is null ? null : await db.Sittings.AsNoTracking().SingleOrDefaultAsync(s => s.ExamId == exam.Id && s.PersonId == person.Id, ct);
        var clock = Sittings.ExamClock.For(exam, sitting);
        for (var attempt = 0; ; attempt++)
        {
            var number = 1 + (await db.Submissions.Where(s => s.ExamId == exam.Id && s.PersonId == person.Id).MaxAsync(s => (int?)s.Attempt, ct) ?? 0);
            var now = DateTimeOffset.UtcNow;
            var late = clock.LateBy(now);
            var submission = new Submission
            {
                CourseId = course.Id,
                ExamId = exam.Id,
                PersonId = person.Id,
                IdempotencyKey = request.IdempotencyKey,
                Attempt = number,
                Answers = request.Answers,
                Code = request.Code,
                CodeProblemId = request.CodeProblemId,
                State = SubmissionState.Queued,
                SubmittedAt = now,
                LateBy = late,
                LatePenaltyPercent = late is { } by ? clock.PenaltyFor(by) : null,
                TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } caller ? caller.Id : null,
            };
            db.Submissions.Add(submission);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 5)
            {
                // A concurrent send of the same key (or another attempt numbered at the same moment) won the race.
                db.ChangeTracker.Clear();
                if (await Existing(db, course.Id, request.IdempotencyKey, ct) is { } raced) return raced;
                continue;
            }
            // A dispatcher in this process (one host running web and worker) need not wait for its next poll.
            signal.Pulse();
            return new SubmitOutcome(submission.Id, number, true);
        }
    }

    /// <summary>A code file for a problem of the exam that has a code part becomes that part's answer.</summary>
    private SubmitRequest AsExamAnswer(SubmitRequest request, Exam exam)
    {
        if (request.Code is null || request.CodeProblemId is not { } problemId) return request;
        if (!bank.Exam(exam.BankExamId).Problems.Any(p => p.ProblemId == problemId)) return request;
        var part = bank.Problem(problemId).Parts.FirstOrDefault(p => p.Type == Core.Bank.AnswerType.Code);
        if (part is null) return request;
        var answers = (JsonObject)request.Answers.DeepClone();
        if (answers[problemId] is not JsonObject parts)
        {
            parts = [];
            answers[problemId] = parts;
        }
        parts[part.Id] = request.Code;
        return request with { Answers = answers, Code = null, CodeProblemId = null };
    }

    private static async Task<SubmitOutcome?> Existing(AutograderDb db, long courseId, string key, CancellationToken ct)
    {
        var seen = await db.Submissions.AsNoTracking().Where(s => s.CourseId == courseId && s.IdempotencyKey == key)
            .Select(s => new { s.Id, s.Attempt }).SingleOrDefaultAsync(ct);
        return seen is null ? null : new SubmitOutcome(seen.Id, seen.Attempt, false);
    }
}
