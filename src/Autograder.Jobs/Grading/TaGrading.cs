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
public sealed record TaGrade(long SubmissionId, string ProblemId, string PartId, double Score, string By, string Reason, IReadOnlyList<string> RubricItems)
{
    /// <summary>The part's version the grader saw (<see cref="TaGrading.VersionAsync"/>); set, a later grade by someone else is a <see cref="GradeConflictException"/>.</summary>
    public long? ExpectedVersion { get; init; }
}

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
        // Two graders of one submission take turns: the second reads the first's result, never a stale one.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Submissions\" WHERE \"Id\" = {grade.SubmissionId} FOR UPDATE", ct);
        if (grade.ExpectedVersion is { } expected && await LatestAsync(db, grade.SubmissionId, grade.ProblemId, grade.PartId, ct) is { } latest && latest.Id != expected)
            throw new GradeConflictException(latest);
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

    /// <summary>A part's version: the id of its latest TA change, 0 before any.</summary>
    public async Task<long> VersionAsync(long submissionId, string problemId, string partId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await LatestAsync(db, submissionId, problemId, partId, ct))?.Id ?? 0;
    }

    private static Task<ScoreChange?> LatestAsync(AutograderDb db, long submissionId, string problemId, string partId, CancellationToken ct) =>
        db.ScoreChanges.AsNoTracking().Where(c => c.SubmissionId == submissionId && c.ProblemId == problemId && c.PartId == partId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
}
