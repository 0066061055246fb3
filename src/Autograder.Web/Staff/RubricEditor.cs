using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Staff;

public sealed record RubricItemView(string Id, string Text, double BankPoints, double Points, int UsedBy);

public sealed record RubricEffect(long SubmissionId, string Student, double OldScore, double NewScore);

/// <summary>
/// Changing a rubric item's points after grading began: the change counts the scores it moves before it is saved,
/// then recomputes every grade (latest per submission) that checked the item, each through the audited TA grade.
/// </summary>
public sealed class RubricEditor(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, TaGrading grading)
{
    /// <summary>The part's items with the points in force in this exam (problem points, as in the bank).</summary>
    public static async Task<Dictionary<string, double>> PointsAsync(AutograderDb db, long examId, string problemId, string partId, CancellationToken ct)
    {
        var changes = await db.RubricChanges.AsNoTracking().Where(c => c.ExamId == examId && c.ProblemId == problemId && c.PartId == partId)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var points = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in changes) points[c.ItemId] = c.NewPoints;
        return points;
    }

    public async Task<IReadOnlyList<RubricItemView>> ItemsAsync(Exam exam, string problemId, string partId, CancellationToken ct)
    {
        var part = Part(problemId, partId);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var points = await PointsAsync(db, exam.Id, problemId, partId, ct);
        var latest = await LatestGradesAsync(db, exam.Id, problemId, partId, ct);
        return [.. part.Rubric.Select(r => new RubricItemView(r.Id, r.Text, r.Points, points.GetValueOrDefault(r.Id, r.Points), latest.Count(g => g.Change.CheckedItems.Contains(r.Id))))];
    }

    /// <summary>Every score that changing <paramref name="itemId"/> to <paramref name="points"/> moves; nothing is stored.</summary>
    public async Task<IReadOnlyList<RubricEffect>> PreviewAsync(Exam exam, string problemId, string partId, string itemId, double points, CancellationToken ct)
    {
        var part = Part(problemId, partId);
        var item = part.Rubric.SingleOrDefault(r => r.Id == itemId) ?? throw new BadInputException("item", $"'{itemId}' is not a rubric item of this part");
        if (Math.Abs(points) > Math.Max(part.Points, 1) * 10) throw new BadInputException("points", $"must be between {-part.Points * 10:0.##} and {part.Points * 10:0.##}");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = (await PointsAsync(db, exam.Id, problemId, partId, ct)).GetValueOrDefault(itemId, item.Points);
        var effects = new List<RubricEffect>();
        foreach (var (change, max, login) in await LatestGradesAsync(db, exam.Id, problemId, partId, ct))
        {
            if (!change.CheckedItems.Contains(itemId)) continue;
            var scale = part.Points > 0 ? max / part.Points : 1;
            var moved = ExamResult.Round(Math.Clamp(change.NewScore + (points - now) * scale, 0, max));
            if (Math.Abs(moved - change.NewScore) > 1e-9) effects.Add(new RubricEffect(change.SubmissionId, login, change.NewScore, moved));
        }
        return effects;
    }

    public async Task<int> ApplyAsync(Exam exam, string problemId, string partId, string itemId, double points, string by, CancellationToken ct)
    {
        var effects = await PreviewAsync(exam, problemId, partId, itemId, points, ct);
        double old;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            old = (await PointsAsync(db, exam.Id, problemId, partId, ct)).GetValueOrDefault(itemId, Part(problemId, partId).Rubric.Single(r => r.Id == itemId).Points);
            db.RubricChanges.Add(new RubricChange
            {
                ExamId = exam.Id, ProblemId = problemId, PartId = partId, ItemId = itemId, OldPoints = old, NewPoints = points,
                ScoresChanged = effects.Count, By = by, At = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(ct);
        }
        await using var read = await dbs.CreateDbContextAsync(ct);
        var latest = (await LatestGradesAsync(read, exam.Id, problemId, partId, ct)).ToDictionary(g => g.Change.SubmissionId, g => g.Change);
        foreach (var e in effects)
            await grading.RecordAsync(new TaGrade(e.SubmissionId, problemId, partId, e.NewScore, by,
                $"Rubric item '{itemId}' changed from {old:0.##} to {points:0.##} points by {by}; was: {latest[e.SubmissionId].Reason}", latest[e.SubmissionId].CheckedItems), ct);
        return effects.Count;
    }

    /// <summary>The latest TA grade of the part on each submission, with the part's points there and the student.</summary>
    private static async Task<List<(ScoreChange Change, double Max, string Login)>> LatestGradesAsync(AutograderDb db, long examId, string problemId, string partId, CancellationToken ct)
    {
        var changes = await db.ScoreChanges.AsNoTracking().Where(c => c.Submission!.ExamId == examId && c.ProblemId == problemId && c.PartId == partId)
            .Select(c => new { Change = c, c.Submission!.Person!.Login }).ToListAsync(ct);
        var ids = changes.Select(c => c.Change.SubmissionId).Distinct().ToList();
        var max = await db.PartGrades.AsNoTracking().Where(p => ids.Contains(p.Result!.SubmissionId) && p.ProblemId == problemId && p.PartId == partId)
            .Select(p => new { p.Result!.SubmissionId, p.Max }).ToDictionaryAsync(p => p.SubmissionId, p => p.Max, ct);
        return [.. changes.GroupBy(c => c.Change.SubmissionId).Select(g => g.OrderBy(c => c.Change.At).ThenBy(c => c.Change.Id).Last())
            .Where(c => max.ContainsKey(c.Change.SubmissionId)).Select(c => (c.Change, max[c.Change.SubmissionId], c.Login))];
    }

    private PartDefinition Part(string problemId, string partId) =>
        (bank.Problems.TryGetValue(problemId, out var p) ? p.Part(partId) : null) ?? throw new BadInputException("part", $"problem '{problemId}' has no part '{partId}'");
}
