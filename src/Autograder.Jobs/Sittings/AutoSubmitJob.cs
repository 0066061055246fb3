using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Submissions;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Sittings;

/// <summary>
/// Submits a student's saved draft when their time runs out, whether or not they are online. Scheduled when the
/// student first opens the exam; reentrant: it submits once (a fixed idempotency key) and not at all when the
/// student submitted themselves; when the deadline moved later (an accommodation), it schedules itself again.
/// </summary>
public sealed class AutoSubmitJob(IDbContextFactory<AutograderDb> dbs, SubmissionService submissions, IBackgroundJobClient jobs)
{
    public const string KeyPrefix = "auto:";

    public static string Schedule(IBackgroundJobClient jobs, long sittingId, DateTimeOffset at) =>
        jobs.Schedule<AutoSubmitJob>(Hosting.Queues.Default, j => j.RunAsync(sittingId, CancellationToken.None), at);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 2, 5, 10, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(long sittingId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sitting = await db.Sittings.Include(s => s.Exam).ThenInclude(e => e!.Course).Include(s => s.Person)
            .SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting?.FirstOpenedAt is not { } opened) return;
        var clock = ExamClock.For(sitting.Exam!, sitting);
        if (clock.Deadline is not { } deadline) return;
        if (DateTimeOffset.UtcNow < deadline - TimeSpan.FromSeconds(1))
        {
            sitting.AutoSubmitJobId = Schedule(jobs, sittingId, deadline);
            await db.SaveChangesAsync(ct);
            return;
        }
        var submitted = await db.Submissions.AnyAsync(s => s.ExamId == sitting.ExamId && s.PersonId == sitting.PersonId && s.SubmittedAt >= opened, ct);
        if (submitted) return;
        var attempts = await db.Submissions.CountAsync(s => s.ExamId == sitting.ExamId && s.PersonId == sitting.PersonId, ct);
        if (attempts >= sitting.Exam!.AttemptsAllowed) return;
        await submissions.SubmitAsync(new SubmitRequest(sitting.Exam.Course!.Code, sitting.Exam.BankExamId, sitting.Person!.Login,
            sitting.Draft ?? [], $"{KeyPrefix}{sittingId}"), ct);
    }
}
