using Autograder.Core.Grading;

namespace Autograder.Reports.Summaries;

/// <summary>Item analysis of a class's results: score distribution, and per problem and part the mean, difficulty and discrimination.</summary>
public sealed record SummaryStatistics(
    int Submissions,
    double Max,
    double Mean,
    double Median,
    double StandardDeviation,
    double Lowest,
    double Highest,
    IReadOnlyList<ProblemStatistics> Problems)
{
    /// <summary>Computes the statistics; results of other exams (another problem list) are a <see cref="ArgumentException"/>.</summary>
    public static SummaryStatistics Compute(IReadOnlyList<ExamResult> results, int commonWrongAnswers = 3)
    {
        if (results.Count == 0) return new SummaryStatistics(0, 0, 0, 0, 0, 0, 0, []);
        var layout = results[0].Problems;
        var totals = results.Select(r => r.Score).ToArray();
        var problems = new List<ProblemStatistics>();
        for (var p = 0; p < layout.Count; p++)
        {
            var problem = layout[p];
            var graded = results.Select(r => r.Problems.Count > p && r.Problems[p].ProblemId == problem.ProblemId
                ? r.Problems[p]
                : r.Problems.FirstOrDefault(x => x.ProblemId == problem.ProblemId)
                  ?? throw new ArgumentException($"results: {r.StudentId} has no problem '{problem.ProblemId}' (results of different exams?)", nameof(results))).ToList();
            var parts = new List<PartStatistics>();
            foreach (var part in problem.Parts)
            {
                var outcomes = graded.Select(g => g.Parts.FirstOrDefault(x => x.PartId == part.PartId)
                    ?? throw new ArgumentException($"results: a submission has no part '{problem.ProblemId}/{part.PartId}'", nameof(results))).ToList();
                var correct = outcomes.Select(o => o.Max > 0 && o.Score >= o.Max - 1e-9 ? 1.0 : 0.0).ToArray();
                var wrong = outcomes
                    .Select((o, i) => (Outcome: o, Student: results[i].StudentId))
                    // A written part's text is not an answer to be wrong (it waits for a person, or a person graded it), nor is code still running.
                    .Where(x => !x.Outcome.FormatError && x.Outcome.Answer is not null && x.Outcome.Pending == PartPending.None && x.Outcome.Type != "manual"
                        && x.Outcome.Score < x.Outcome.Max - 1e-9)
                    .GroupBy(x => x.Outcome.Answer!, StringComparer.Ordinal)
                    .Select(g => new WrongAnswer(g.Key, g.Count(),
                        g.GroupBy(x => x.Outcome.Rule).OrderByDescending(r => r.Count()).ThenBy(r => r.Key, StringComparer.Ordinal).First().Key,
                        g.Average(x => x.Outcome.Score)))
                    .OrderByDescending(w => w.Count).ThenBy(w => w.Answer, StringComparer.Ordinal)
                    .Take(commonWrongAnswers)
                    .ToList();
                parts.Add(new PartStatistics(
                    part.PartId,
                    part.Max,
                    outcomes.Average(o => o.Score),
                    correct.Average(),
                    Correlation(correct, totals),
                    outcomes.Count(o => o.FormatError) / (double)outcomes.Count,
                    outcomes.Count(o => o.Answer is null && !o.FormatError && !o.PendingManual) / (double)outcomes.Count,
                    outcomes.Count(o => o.PendingManual && o.Manual is null),
                    wrong));
            }
            var scores = graded.Select(g => g.Score).ToArray();
            problems.Add(new ProblemStatistics(problem.ProblemId, problem.Title, problem.Max, scores.Average(),
                problem.Max > 0 ? scores.Average() / problem.Max : 0, Correlation(scores, totals), parts));
        }
        var sorted = totals.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new SummaryStatistics(results.Count, results[0].Max, totals.Average(), median, Deviation(totals), sorted[0], sorted[^1], problems);
    }

    /// <summary>Pearson correlation; with a 0/1 item this is the point-biserial coefficient. 0 when either side does not vary.</summary>
    public static double Correlation(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx <= 1e-12 || syy <= 1e-12 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double Deviation(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
    }
}

/// <param name="Difficulty">Mean fraction of the points (higher is easier).</param>
/// <param name="Discrimination">Correlation of the problem's score with the exam total.</param>
public sealed record ProblemStatistics(string ProblemId, string Title, double Max, double Mean, double Difficulty, double Discrimination, IReadOnlyList<PartStatistics> Parts);

/// <param name="Difficulty">Share of submissions with full points.</param>
/// <param name="Discrimination">Point-biserial correlation of "full points" with the exam total.</param>
public sealed record PartStatistics(
    string PartId,
    double Max,
    double Mean,
    double Difficulty,
    double Discrimination,
    double FormatErrorRate,
    double BlankRate,
    int PendingManual,
    IReadOnlyList<WrongAnswer> CommonWrongAnswers);

/// <summary>A wrong answer (as the grader understood it), how many gave it, and the feedback rule it hit most often (null: none).</summary>
public sealed record WrongAnswer(string Answer, int Count, string? Rule, double MeanScore);
