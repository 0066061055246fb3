using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Data;
using Autograder.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Grading;

/// <summary>One answer group of a part: the answers that read the same, largest groups first, and its grade if it has one.</summary>
public sealed record AnswerGroup(string Key, string Representative, string Shown, bool FormatError, IReadOnlyList<long> Submissions, AnswerGroupGrade? Grade)
{
    /// <summary>The members the machine has not graded yet (queued, grading): a group grade reaches them when their grading ends.</summary>
    public IReadOnlyList<long> Waiting { get; init; } = [];

    public IEnumerable<long> Graded => Submissions.Except(Waiting);
}

/// <summary>
/// The answers to one part grouped by how the parser understood them (identical after normalization), numeric and
/// formula answers also by the part's own equivalence check; a group is graded once, and a submission graded later
/// that falls into a graded group is given the same grade, marked as the group's. Every student's latest submission
/// counts, graded by the machine or not yet (a written part waits for a person either way).
/// </summary>
public sealed partial class AnswerGroups(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, TaGrading grading)
{
    /// <summary>The start of every reason a group grade leaves in the audit trail, which marks it as the group's.</summary>
    public const string Marker = "Answer group";

    private static readonly HashSet<AnswerType> Equivalent = [AnswerType.Number, AnswerType.Integer, AnswerType.Vector, AnswerType.Matrix, AnswerType.Formula, AnswerType.Complexity];

    public async Task<IReadOnlyList<AnswerGroup>> ListAsync(long examId, string problemId, string partId, CancellationToken ct)
    {
        var part = bank.Problem(problemId).Part(partId) ?? throw new Core.Inputs.BadInputException("part", $"problem '{problemId}' has no part '{partId}'");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var latest = (await db.Submissions.AsNoTracking().Where(s => s.ExamId == examId && s.State != SubmissionState.Failed)
                .Select(s => new { s.Id, s.PersonId, s.Attempt, s.Answers, Graded = s.Result != null }).ToListAsync(ct))
            .GroupBy(s => s.PersonId).Select(g => g.MaxBy(s => s.Attempt)!).OrderBy(s => s.Id).ToList();
        var grades = await db.AnswerGroupGrades.AsNoTracking().Where(g => g.ExamId == examId && g.ProblemId == problemId && g.PartId == partId).ToListAsync(ct);
        var groups = new List<(string Key, string Typed, ParsedAnswer Parsed, List<long> Members, List<long> Waiting)>();
        foreach (var s in latest)
        {
            var typed = Typed(s.Answers[problemId]?[partId]);
            var (key, parsed) = Read(part, typed);
            var home = groups.FindIndex(g => g.Key == key || Same(part, g.Parsed, parsed));
            if (home < 0) groups.Add((key, typed, parsed, [], []));
            var group = groups[home < 0 ? ^1 : home];
            group.Members.Add(s.Id);
            if (!s.Graded) group.Waiting.Add(s.Id);
        }
        return [.. groups.OrderByDescending(g => g.Members.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new AnswerGroup(g.Key, g.Typed,
            g.Parsed.IsFormatError ? g.Typed : g.Key, g.Parsed.IsFormatError, g.Members,
            grades.FirstOrDefault(x => x.Key == g.Key || Same(part, Read(part, x.Representative).Parsed, g.Parsed))) { Waiting = g.Waiting })];
    }

    /// <summary>
    /// Stores the group's grade and gives it to every answer of the group the machine has graded; the others get it when
    /// their grading ends (<see cref="ApplyToAsync"/>). Returns how many answers the group holds.
    /// </summary>
    public async Task<int> GradeAsync(long examId, string problemId, string partId, string key, double score, IReadOnlyList<string> items, string? comment, string by, CancellationToken ct)
    {
        var group = (await ListAsync(examId, problemId, partId, ct)).SingleOrDefault(g => g.Key == key)
            ?? throw new Core.Inputs.BadInputException("group", $"no answer group '{key}' in this part");
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var row = await db.AnswerGroupGrades.SingleOrDefaultAsync(g => g.ExamId == examId && g.ProblemId == problemId && g.PartId == partId && g.Key == key, ct);
            if (row is null)
            {
                row = new AnswerGroupGrade { ExamId = examId, ProblemId = problemId, PartId = partId, Key = key, Representative = group.Representative, By = by };
                db.AnswerGroupGrades.Add(row);
            }
            (row.Score, row.CheckedItems, row.Comment, row.By, row.At) = (score, [.. items], comment, by, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
        }
        // Read after the grade is stored: a grading that ends after this read finds the stored grade itself.
        List<long> graded;
        await using (var db = await dbs.CreateDbContextAsync(ct))
            graded = await db.Results.Where(r => group.Submissions.Contains(r.SubmissionId)).Select(r => r.SubmissionId).ToListAsync(ct);
        foreach (var submission in group.Submissions.Where(graded.Contains))
            await grading.RecordAsync(new TaGrade(submission, problemId, partId, score, by, Reason(comment), items), ct);
        return group.Submissions.Count;
    }

    /// <summary>Gives a newly graded submission the grade of every graded group its answers fall into (once per part).</summary>
    public async Task<int> ApplyToAsync(long submissionId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var submission = await db.Submissions.AsNoTracking().Where(s => s.Id == submissionId).Select(s => new { s.ExamId, s.Answers }).SingleOrDefaultAsync(ct);
        if (submission is null) return 0;
        var grades = await db.AnswerGroupGrades.AsNoTracking().Where(g => g.ExamId == submission.ExamId).ToListAsync(ct);
        if (grades.Count == 0) return 0;
        var decided = (await db.ScoreChanges.AsNoTracking().Where(c => c.SubmissionId == submissionId).Select(c => new { c.ProblemId, c.PartId }).ToListAsync(ct))
            .Select(c => (c.ProblemId, c.PartId)).ToHashSet();
        var applied = 0;
        foreach (var g in grades.Where(g => !decided.Contains((g.ProblemId, g.PartId))))
        {
            if (bank.Problem(g.ProblemId).Part(g.PartId) is not { } part) continue;
            var (key, parsed) = Read(part, Typed(submission.Answers[g.ProblemId]?[g.PartId]));
            if (key != g.Key && !Same(part, Read(part, g.Representative).Parsed, parsed)) continue;
            await grading.RecordAsync(new TaGrade(submissionId, g.ProblemId, g.PartId, g.Score, g.By, Reason(g.Comment), g.CheckedItems), ct);
            decided.Add((g.ProblemId, g.PartId));
            applied++;
        }
        return applied;
    }

    private static string Reason(string? comment) => string.IsNullOrWhiteSpace(comment) ? $"{Marker} grade." : $"{Marker}: {comment.Trim()}";

    private static string Typed(JsonNode? answer) => answer switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => answer.ToJsonString(),
    };

    /// <summary>The group key: what the parser understood, spaces collapsed; what was typed for format errors and written parts.</summary>
    private static (string Key, ParsedAnswer Parsed) Read(PartDefinition part, string typed)
    {
        if (typed.Trim().Length == 0) return ("(no answer)", ParsedAnswer.Error("no answer"));
        if (part.Type is AnswerType.Manual or AnswerType.Code) return (Spaces().Replace(typed.Trim(), " "), ParsedAnswer.Ok(null, typed));
        var parsed = AnswerChecker.Parse(part, JsonValue.Create(typed));
        return (Spaces().Replace((parsed.IsFormatError ? typed : parsed.Understood).Trim(), " "), parsed);
    }

    private static bool Same(PartDefinition part, ParsedAnswer a, ParsedAnswer b) =>
        Equivalent.Contains(part.Type) && !a.IsFormatError && !b.IsFormatError && a.Value is not null && b.Value is not null
        && AnswerChecker.Score(part, a.Value, b.Value) >= 1 - 1e-9;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
