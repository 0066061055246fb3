using System.Net;
using Autograder.Jobs.Grading;
using Autograder.Web.Tests.Pages;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Staff;

public sealed class RubricChangeTests(StaffFixture web) : IClassFixture<StaffFixture>
{
    private const string Problem = "purifier-lambda-range";
    private const string Part = "justification";

    [Fact]
    public async Task ChangingAnItem_CountsTheScoresItMovesBeforeSaving_ThenRegradesEveryGradeThatUsedIt()
    {
        var grading = web.Services.GetRequiredService<TaGrading>();
        foreach (var (login, items) in new[] { ("s001", new[] { "critical-values", "inequalities" }), ("s002", ["critical-values"]), ("s003", ["inequalities"]) })
            await grading.RecordAsync(new TaGrade(web.Submissions[login], Problem, Part, items.Length, "ta1", "graded", items), default);

        var ta = await web.BrowserAsync("ta2");
        var url = $"/staff/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}/rubric/{Problem}/{Part}";
        var page = await Html.GetAsync(ta, url);
        Assert.True(page.Response.IsSuccessStatusCode, page.Document.Body?.TextContent);
        Assert.Equal("2", page.Document.QuerySelector("tr[data-item='critical-values'] td:nth-child(4)")!.TextContent);
        var preview = await page.PostFormAsync(ta, "tr[data-item='critical-values'] form", new() { ["points"] = "0.5" });
        Assert.StartsWith("2 scores would change", preview.Document.QuerySelector("#rubric-preview h2")!.TextContent, StringComparison.Ordinal);
        await using (var db = web.Db()) Assert.Equal(3, await db.ScoreChanges.CountAsync(c => c.PartId == Part));

        var applied = await preview.PostFormAsync(ta, "#rubric-apply", []);
        Assert.Equal(HttpStatusCode.Redirect, applied.Response.StatusCode);
        await using var check = web.Db();
        var scores = await check.PartGrades.Where(p => p.ProblemId == Problem && p.PartId == Part)
            .Select(p => new { p.Result!.Submission!.Person!.Login, p.Score }).ToDictionaryAsync(p => p.Login, p => p.Score);
        Assert.Equal((1.5, 0.5, 1.0), (scores["s001"], scores["s002"], scores["s003"]));
        var audit = await check.ScoreChanges.Where(c => c.PartId == Part && c.By == "ta2").ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, c => Assert.StartsWith("Rubric item 'critical-values' changed from 1 to 0.5 points by ta2", c.Reason, StringComparison.Ordinal));
        // Grading goes on with the new points.
        var sheet = await Html.GetAsync(ta, $"/staff/submissions/{web.Submissions["s003"]}/{Problem}/{Part}");
        Assert.Equal("0.5", sheet.Document.QuerySelector("input.rubric-item[value='critical-values']")!.GetAttribute("data-points"));
    }
}
