using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Sittings;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Staff;

/// <summary>What an instructor sets when publishing an exam of the bank.</summary>
public sealed record PublishRequest(string BankExamId, long Seed, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int? TimeLimitMinutes, int AttemptsAllowed)
{
    /// <summary>Null: no late submissions, a submit after the close is refused.</summary>
    public LatePolicyInput? Late { get; init; }
}

public sealed record PublishProgress(int Stored, int Expected, bool Published)
{
    public int Percent => Expected == 0 ? 100 : (int)Math.Round(100.0 * Stored / Expected);
}

public sealed record AccommodationRow(long PersonId, string Login, string Name, int ExtraTimePercent, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? FirstOpenedAt)
{
    /// <summary>The student's late cut-off (their own window moves it); null when the exam takes no late submissions.</summary>
    public DateTimeOffset? LateUntil { get; init; }
}

/// <summary>An instructor's exam settings: publishing from the bank (variants stored by a job), accommodations and releases.</summary>
public sealed class ExamAdmin(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, CourseService courses, IBackgroundJobClient jobs)
{
    /// <summary>Creates the course's exam with its window and limits and queues the storing of every variant.</summary>
    public async Task<Exam> PublishAsync(Course course, PublishRequest request, CancellationToken ct)
    {
        if (!bank.Exams.ContainsKey(request.BankExamId)) throw new BadInputException("exam", $"the bank has no exam '{request.BankExamId}'");
        if (request.AttemptsAllowed < 1) throw new BadInputException("attempts", "must be at least 1");
        if (request.TimeLimitMinutes is < 1) throw new BadInputException("time_limit", "must be at least 1 minute, or empty for none");
        if (request.OpensAt is { } o && request.ClosesAt is { } c && c <= o) throw new BadInputException("closes_at", "must be after the opening");
        var lateUntil = request.Late?.CutOff(request.ClosesAt);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.Exams.AnyAsync(e => e.CourseId == course.Id && e.BankExamId == request.BankExamId && e.State != ExamState.Draft, ct))
                throw new BadInputException("exam", $"'{request.BankExamId}' is already published in this course");
            // A draft without variants takes the seed chosen now.
            await db.Exams.Where(e => e.CourseId == course.Id && e.BankExamId == request.BankExamId && e.State == ExamState.Draft && !db.Variants.Any(v => v.ExamId == e.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Seed, request.Seed), ct);
        }
        var exam = await courses.ExamAsync(course.Code, bank.Exam(request.BankExamId), request.Seed, ct);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await db.Exams.Where(e => e.Id == exam.Id).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.OpensAt, request.OpensAt).SetProperty(e => e.ClosesAt, request.ClosesAt)
                .SetProperty(e => e.TimeLimitMinutes, request.TimeLimitMinutes).SetProperty(e => e.AttemptsAllowed, request.AttemptsAllowed)
                .SetProperty(e => e.LateUntil, lateUntil).SetProperty(e => e.LatePenaltyPercent, request.Late == null ? 0 : request.Late.PenaltyPercent!.Value)
                .SetProperty(e => e.LatePenaltyPerDay, request.Late != null && request.Late.PerDay), ct);
        }
        jobs.Enqueue<PublishExamJob>(Queues.Default, j => j.RunAsync(exam.Id, null, CancellationToken.None));
        return exam;
    }

    public async Task<PublishProgress> ProgressAsync(Exam exam, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var students = await db.Enrollments.CountAsync(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student, ct);
        var stored = await db.Variants.CountAsync(v => v.ExamId == exam.Id, ct);
        var state = await db.Exams.Where(e => e.Id == exam.Id).Select(e => e.State).SingleAsync(ct);
        return new PublishProgress(stored, students * bank.Exam(exam.BankExamId).Problems.Count, state != ExamState.Draft);
    }

    public async Task<IReadOnlyList<AccommodationRow>> AccommodationsAsync(Exam exam, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var students = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student).Select(e => e.Person!).OrderBy(p => p.Login).ToListAsync(ct);
        var sittings = await db.Sittings.AsNoTracking().Where(s => s.ExamId == exam.Id).ToDictionaryAsync(s => s.PersonId, ct);
        return [.. students.Select(p => sittings.GetValueOrDefault(p.Id) is { } s
            ? new AccommodationRow(p.Id, p.Login, p.Name, s.ExtraTimePercent, s.OpensAt, s.ClosesAt, s.FirstOpenedAt) { LateUntil = ExamClock.For(exam, s).LateUntil }
            : new AccommodationRow(p.Id, p.Login, p.Name, 0, null, null, null) { LateUntil = ExamClock.For(exam, null).LateUntil })];
    }

    /// <summary>Sets one student's extra time and own window; a deadline job already scheduled re-reads the sitting when it runs.</summary>
    public async Task SetAccommodationAsync(Exam exam, string login, int extraTimePercent, DateTimeOffset? opensAt, DateTimeOffset? closesAt, CancellationToken ct)
    {
        if (extraTimePercent is < 0 or > 1000) throw new BadInputException("extra_time", "must be between 0 and 1000 percent");
        if (opensAt is { } o && closesAt is { } c && c <= o) throw new BadInputException("closes_at", "must be after the opening");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var person = await db.Enrollments.Where(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student && e.Person!.Login == login).Select(e => e.Person!).SingleOrDefaultAsync(ct)
            ?? throw new BadInputException("student", $"'{login}' is not a student of this course");
        var sitting = await db.Sittings.SingleOrDefaultAsync(s => s.ExamId == exam.Id && s.PersonId == person.Id, ct);
        if (sitting is null)
        {
            sitting = new ExamSitting { ExamId = exam.Id, PersonId = person.Id };
            db.Sittings.Add(sitting);
        }
        sitting.ExtraTimePercent = extraTimePercent;
        sitting.OpensAt = opensAt;
        sitting.ClosesAt = closesAt;
        await db.SaveChangesAsync(ct);
    }

    public async Task<ExamRelease> ReleaseAsync(Exam exam, ExamRelease release, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.Exams.SingleAsync(e => e.Id == exam.Id, ct);
        stored.Release.Scores = release.Scores;
        stored.Release.Feedback = release.Feedback;
        stored.Release.ReferenceAnswers = release.ReferenceAnswers;
        stored.Release.Reports = release.Reports;
        await db.SaveChangesAsync(ct);
        return stored.Release;
    }
}
