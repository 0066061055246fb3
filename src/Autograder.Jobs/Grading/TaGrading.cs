using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Reports;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Grading;

/// <summary>What a TA records for one part of a graded submission.</summary>
public sealed record TaGrade(long SubmissionId, string ProblemId, string PartId, double Score, string By, string Reason, IReadOnlyList<string> RubricItems);

/// <summary>
/// A TA's grade of a written part, or override of a machine score: kept in the audit trail (who, when, old, new, why),
/// laid over the stored result at once, and the report rendered again. Grading again and regrading keep it (<see cref="TaChanges"/>).
/// </summary>
public sealed class TaGrading(IDbContextFactory<AutograderDb> dbs, IBackgroundJobClient jobs)
{
    public async Task<ScoreChange> RecordAsync(TaGrade grade, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(grade.Reason)) throw new BadInputException("reason", "is required: say why, for the student and the audit trail");
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Results.SingleOrDefaultAsync(r => r.SubmissionId == grade.SubmissionId, ct)
            ?? throw new BadInputException("submission", $"submission {grade.SubmissionId} does not exist or is not graded yet");
        var result = ExamResult.FromJson(stored.Document);
        var problem = result.Problems.SingleOrDefault(p => p.ProblemId == grade.ProblemId)
            ?? throw new BadInputException("problem", $"submission {grade.SubmissionId} has no problem '{grade.ProblemId}'");
        var part = problem.Parts.SingleOrDefault(p => p.PartId == grade.PartId)
            ?? throw new BadInputException("part", $"problem '{grade.ProblemId}' has no part '{grade.PartId}' (parts: {string.Join(", ", problem.Parts.Select(p => p.PartId))})");
        if (grade.Score < 0 || grade.Score > part.Max + 1e-9)
            throw new BadInputException("score", $"must be between 0 and {part.Max:0.###}, the part's points in this exam");
        var unknown = grade.RubricItems.FirstOrDefault(i => part.Rubric.All(r => r.Id != i));
        if (unknown is not null)
            throw new BadInputException("rubric_items", $"'{unknown}' is not a rubric item of this part (items: {string.Join(", ", part.Rubric.Select(r => r.Id))})");

        var change = new ScoreChange
        {
            SubmissionId = grade.SubmissionId,
            ProblemId = grade.ProblemId,
            PartId = grade.PartId,
            Kind = part.Type == "manual" ? ScoreChangeKind.ManualGrade : ScoreChangeKind.Override,
            OldScore = part.Score,
            NewScore = grade.Score,
            CheckedItems = [.. grade.RubricItems],
            By = grade.By,
            At = DateTimeOffset.UtcNow,
            Reason = grade.Reason,
        };
        db.ScoreChanges.Add(change);
        var updated = TaChanges.Apply(result, [change]);
        var took = TimeSpan.FromMilliseconds(stored.DurationMs);
        await db.Results.Where(r => r.SubmissionId == grade.SubmissionId).ExecuteDeleteAsync(ct);
        db.Entry(stored).State = EntityState.Detached;
        db.Results.Add(SubmissionGrader.ToRow(updated, grade.SubmissionId, took));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunAsync(grade.SubmissionId, null, CancellationToken.None));
        return change;
    }
}
