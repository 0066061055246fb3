using Autograder.Data.Model;
using Autograder.Core.Grading;

namespace Autograder.Jobs.Grading;

/// <summary>
/// TA overrides and manual grades (the audit trail in <see cref="ScoreChange"/>) laid over a machine grade, so that
/// grading again or regrading after a fix never drops them. The latest change of a part wins.
/// </summary>
public static class TaChanges
{
    public static ExamResult Apply(ExamResult result, IReadOnlyCollection<ScoreChange> changes)
    {
        if (changes.Count == 0) return result;
        var latest = changes.GroupBy(c => (c.ProblemId, c.PartId)).ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ThenBy(c => c.Id).Last());
        var overrides = new List<ScoreOverride>();
        var problems = result.Problems.Select(problem =>
        {
            var parts = problem.Parts.Select(part =>
            {
                if (!latest.TryGetValue((problem.ProblemId, part.PartId), out var change)) return part;
                var score = Math.Clamp(change.NewScore, 0, part.Max);
                if (change.Kind == ScoreChangeKind.ManualGrade)
                    return part with { Score = score, Pending = PartPending.None, Manual = new ManualGrade(change.CheckedItems, score, change.Reason, change.By, change.At) };
                overrides.Add(new ScoreOverride(problem.ProblemId, part.PartId, part.Score, score, change.By, change.At, change.Reason));
                return part with { Score = score };
            }).ToList();
            return problem with { Parts = parts };
        }).ToList();
        return (result with
        {
            Problems = problems,
            Overrides = [.. result.Overrides.Where(o => !latest.ContainsKey((o.ProblemId, o.PartId))), .. overrides],
        }).WithTotals();
    }
}
