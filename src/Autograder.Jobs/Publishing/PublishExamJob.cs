using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Solvers.Variants;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Publishing;

/// <summary>
/// Publishes an exam: generates and stores every student's variant of every problem (params, reference answers,
/// problem and solver versions, seed). Reentrant: variants already stored are kept, so a rerun only fills gaps
/// (students added to the roster later).
/// </summary>
public sealed class PublishExamJob(IDbContextFactory<AutograderDb> dbs, ProblemBank bank)
{
    public const string Kind = "publish";
    private const int Batch = 100;

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(long examId, PerformContext? context, CancellationToken ct) => PublishAsync(examId, context, null, ct);

    /// <summary>Runs the publication here and now, reporting (done, total) students.</summary>
    public async Task<int> PublishAsync(long examId, PerformContext? context, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exam = await db.Exams.SingleAsync(e => e.Id == examId, ct);
        var definition = bank.Exam(exam.BankExamId);
        var run = JobRuns.Start(db, Kind, examId, DateTimeOffset.UtcNow, context);
        await db.SaveChangesAsync(ct);

        var students = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student)
            .Select(e => e.Person!)
            .OrderBy(p => p.Login)
            .ToListAsync(ct);
        var stored = (await db.Variants.AsNoTracking().Where(v => v.ExamId == examId).Select(v => new { v.PersonId, v.ProblemId }).ToListAsync(ct))
            .Select(v => (v.PersonId, v.ProblemId)).ToHashSet();

        var created = 0;
        for (var i = 0; i < students.Count; i++)
        {
            var student = students[i];
            var position = 0;
            foreach (var item in definition.Problems)
            {
                position++;
                if (stored.Contains((student.Id, item.ProblemId))) continue;
                var variant = VariantFactory.Create(bank.Problem(item.ProblemId), exam.Seed, student.Login);
                db.Variants.Add(new ExamVariant
                {
                    ExamId = examId,
                    PersonId = student.Id,
                    ProblemId = item.ProblemId,
                    Position = position,
                    Points = item.Points,
                    ProblemVersion = variant.ProblemVersion,
                    Solver = variant.Solver,
                    SolverVersion = variant.SolverVersion,
                    Seed = exam.Seed,
                    StudentKey = student.Login,
                    Params = variant.Params,
                    ReferenceAnswers = variant.Answers,
                    CreatedAt = DateTimeOffset.UtcNow,
                });
                created++;
            }
            if ((i + 1) % Batch == 0 || i == students.Count - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report((i + 1, students.Count));
            }
        }

        db.ChangeTracker.Clear();
        db.Attach(exam);
        db.Attach(run);
        exam.TotalPoints = definition.TotalPoints;
        if (exam.State == ExamState.Draft)
        {
            exam.State = ExamState.Published;
            exam.PublishedAt = DateTimeOffset.UtcNow;
        }
        JobRuns.Finish(run, $"{created} variants stored for {students.Count} students");
        await db.SaveChangesAsync(ct);
        return created;
    }
}
