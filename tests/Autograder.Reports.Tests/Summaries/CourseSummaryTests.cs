using Autograder.Reports.StudentReports;
using Autograder.Reports.Summaries;
using Autograder.Reports.Tests.Support;

namespace Autograder.Reports.Tests.Summaries;

public sealed class CourseSummaryTests
{
    [Fact]
    public void Render_ShowsDistributionItemAnalysisWrongAnswersAndWhoNeedsATa()
    {
        var results = ClassResults.Sp23;
        var request = new RegradeRequest("s00007", "dilated-conv", "output", "I think the padding was applied twice in the key.", Fixtures.Graded);
        var bytes = CourseSummary.Render(new CourseSummaryInput("Deep Neural Networks", results[0].ExamTitle, results)
        {
            RegradeRequests = [request],
            CreatedAt = Fixtures.Created,
        });
        var pdf = new Pdf(bytes);
        var text = PageChecks.Squash(pdf.Text);
        var stats = SummaryStatistics.Compute(results);

        Assert.Contains("Scoredistribution", text, StringComparison.Ordinal);
        Assert.Contains($"Submissions{results.Count}", text, StringComparison.Ordinal);
        foreach (var problem in stats.Problems)
        {
            Assert.Contains(problem.ProblemId, text, StringComparison.Ordinal);
            foreach (var part in problem.Parts)
            {
                Assert.Contains(part.PartId, text, StringComparison.Ordinal);
                // A short answer and its count share a line of the table, so they read back side by side.
                foreach (var wrong in part.CommonWrongAnswers.Where(w => w.Answer.Length <= 20))
                    Assert.Contains(PageChecks.Squash($"{wrong.Answer} {wrong.Count}"), text, StringComparison.Ordinal);
            }
        }
        // A wrapped table cell reads back line by line across the row: look for the start of the request.
        Assert.Contains("Ithinkthepadding", text, StringComparison.Ordinal);
        var pending = results.First(r => r.Problems.Any(p => p.Parts.Any(x => x.PendingManual)));
        Assert.Contains(pending.StudentId, text, StringComparison.Ordinal);

        PageChecks.WordsInsideMargins(pdf);
        using var dir = new TempDir();
        var ink = PageChecks.InkPerPage(bytes, dir.Path);
        Assert.All(ink, i => Assert.True(i > 0.005, $"a blank page ({i:P2} ink)"));
    }

    [Fact]
    public void Render_OfNoResults_SaysSo()
    {
        var pdf = new Pdf(CourseSummary.Render(new CourseSummaryInput("Deep Neural Networks", "Empty exam", []) { CreatedAt = Fixtures.Created }));
        Assert.Contains("Submissions 0", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("None: every part is graded", pdf.Text, StringComparison.Ordinal);
    }
}
