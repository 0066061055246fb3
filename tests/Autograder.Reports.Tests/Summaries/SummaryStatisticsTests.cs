using Autograder.Core.Grading;
using Autograder.Reports.Summaries;
using Autograder.Reports.Tests.Support;

namespace Autograder.Reports.Tests.Summaries;

public sealed class SummaryStatisticsTests
{
    [Fact]
    public void Compute_MatchesTheTextbookFormulas_ForEveryPart()
    {
        var results = ClassResults.Sp23;
        var stats = SummaryStatistics.Compute(results);
        var totals = results.Select(r => r.Score).ToArray();
        var mean = totals.Sum() / totals.Length;
        // Population standard deviation of the totals.
        var sd = Math.Sqrt(totals.Select(t => (t - mean) * (t - mean)).Sum() / totals.Length);

        Assert.Equal(results.Count, stats.Submissions);
        Assert.Equal(mean, stats.Mean, 9);
        Assert.Equal(sd, stats.StandardDeviation, 9);
        foreach (var (problem, p) in stats.Problems.Select((x, i) => (x, i)))
        {
            Assert.Equal(results.Average(r => r.Problems[p].Score), problem.Mean, 9);
            foreach (var (part, k) in problem.Parts.Select((x, i) => (x, i)))
            {
                var outcomes = results.Select(r => r.Problems[p].Parts[k]).ToList();
                var full = outcomes.Select(o => o.Score >= o.Max - 1e-9 && o.Max > 0).ToArray();
                var share = full.Count(f => f) / (double)full.Length;
                Assert.Equal(share, part.Difficulty, 9);
                // Point-biserial: (M1 - M0) / s * sqrt(p q), with s the population deviation of the totals.
                var expected = share is 0 or 1 ? 0
                    : (totals.Where((_, i) => full[i]).Average() - totals.Where((_, i) => !full[i]).Average()) / sd * Math.Sqrt(share * (1 - share));
                Assert.Equal(expected, part.Discrimination, 9);
                Assert.Equal(outcomes.Count(o => o.FormatError) / (double)outcomes.Count, part.FormatErrorRate, 9);
            }
        }
    }

    [Fact]
    public void Compute_CountsTheMostCommonWrongAnswers_WithTheRuleTheyHit()
    {
        var results = ClassResults.Sp23;
        var stats = SummaryStatistics.Compute(results, commonWrongAnswers: 2);
        var withRules = 0;
        foreach (var (problem, p) in stats.Problems.Select((x, i) => (x, i)))
        {
            foreach (var (part, k) in problem.Parts.Select((x, i) => (x, i)))
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var o in results.Select(r => r.Problems[p].Parts[k]))
                {
                    if (o.FormatError || o.Answer is null || o.Pending != PartPending.None || o.Type == "manual" || o.Score >= o.Max - 1e-9) continue;
                    counts[o.Answer] = counts.GetValueOrDefault(o.Answer) + 1;
                }
                var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(2).ToList();
                Assert.Equal(top.Select(t => (t.Key, t.Value)), part.CommonWrongAnswers.Select(w => (w.Answer, w.Count)));
                foreach (var wrong in part.CommonWrongAnswers.Where(w => w.Rule is not null))
                {
                    withRules++;
                    Assert.Contains(results, r => r.Problems[p].Parts[k] is { } o && o.Answer == wrong.Answer && o.Rule == wrong.Rule);
                }
            }
        }
        Assert.True(withRules > 0, "some wrong answers hit a feedback rule");
    }

    [Fact]
    public void Compute_LeavesWrittenPartsOutOfTheWrongAnswers_WaitingOrGradedByAPerson()
    {
        // Half the class's written parts graded by a TA below full marks, the other half still waiting.
        var results = ClassResults.Sp23.Select((r, i) => i % 2 == 0 ? r : (r with
        {
            Problems = [.. r.Problems.Select(p => p with
            {
                Parts = [.. p.Parts.Select(x => x.Type == "manual"
                    ? x with { Pending = PartPending.None, Score = 0, Manual = new ManualGrade([], 0, "Only the set-up.", "ta1", DateTimeOffset.UnixEpoch) }
                    : x)],
            })],
        }).WithTotals()).ToList();
        var written = results.SelectMany(r => r.Problems.SelectMany(p => p.Parts.Where(x => x.Type == "manual").Select(x => (p.ProblemId, x)))).ToList();
        Assert.Contains(written, w => w.x.Answer is { Length: > 0 } && w.x.Pending == PartPending.None && w.x.Score < w.x.Max);

        var stats = SummaryStatistics.Compute(results, commonWrongAnswers: 5);

        foreach (var (problemId, partId) in written.Select(w => (w.ProblemId, w.x.PartId)).Distinct())
            Assert.Empty(stats.Problems.Single(p => p.ProblemId == problemId).Parts.Single(p => p.PartId == partId).CommonWrongAnswers);
        Assert.Contains(stats.Problems, p => p.Parts.Any(x => x.CommonWrongAnswers.Count > 0));
    }
}
