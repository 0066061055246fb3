using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Autograder.Jobs.Grading;
using Autograder.Web.Tests.Pages;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Staff;

public sealed class AnswerGroupTests(StaffFixture web) : IClassFixture<StaffFixture>
{
    private const string Groups = $"/staff/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}/groups";

    private async Task<long> ResubmitAsync(string login, string key, Action<JsonObject> change)
    {
        var answers = await web.AnswersAsync(login, 1);
        change(answers);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}/submissions") { Content = JsonContent.Create(new { answers }) };
        request.Headers.Add("Idempotency-Key", key);
        var id = (long)(await (await web.As(login).SendAsync(request)).ReadAsync())["id"]!;
        await web.GradeAsync(id);
        return id;
    }

    [Fact]
    public async Task GradingAGroup_GradesEveryAnswerInIt_AndALaterAnswerInTheGroupIsGradedTheSameAndMarked()
    {
        await web.SetExamAsync(e => e.AttemptsAllowed = 5);
        var ta = await web.BrowserAsync("ta1");
        var page = await Html.GetAsync(ta, $"{Groups}/purifier-svd-form/derivation");
        var group = page.Document.QuerySelector("section.group")!;
        Assert.Equal("3", group.QuerySelector(".size")!.TextContent);
        var graded = await page.PostFormAsync(ta, "form.group-form", new() { ["items"] = "decouple", ["adjustment"] = "1", ["comment"] = "Only the set-up is on the sheet." });
        Assert.Equal(HttpStatusCode.Redirect, graded.Response.StatusCode);
        await using (var db = web.Db())
        {
            var changes = await db.ScoreChanges.Where(c => c.ProblemId == "purifier-svd-form" && c.PartId == "derivation").ToListAsync();
            Assert.Equal(3, changes.Count);
            Assert.All(changes, c => Assert.Equal((4.0, "Answer group: Only the set-up is on the sheet."), (c.NewScore, c.Reason)));
        }

        // A new attempt whose answer falls into the graded group is graded the same way when it is graded, and marked.
        var later = await ResubmitAsync("s001", "groups-later", _ => { });
        await using (var db = web.Db())
        {
            var change = await db.ScoreChanges.SingleAsync(c => c.SubmissionId == later && c.ProblemId == "purifier-svd-form" && c.PartId == "derivation");
            Assert.Equal(4.0, change.NewScore);
            Assert.Equal(new[] { "decouple" }, change.CheckedItems);
            Assert.False((await db.PartGrades.SingleAsync(p => p.Result!.SubmissionId == later && p.ProblemId == "purifier-svd-form" && p.PartId == "derivation")).PendingManual);
        }
        var sheet = await Html.GetAsync(ta, $"/staff/submissions/{later}/purifier-svd-form/derivation");
        Assert.Contains("answer group", sheet.Document.QuerySelector("#group-graded")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_JoinEquivalentFormulas_AndListTheLargestFirst()
    {
        await web.SetExamAsync(e => e.AttemptsAllowed = 5);
        var a = await ResubmitAsync("s002", "groups-a", x => x["weight-decay-equivalence"]!["gamma"] = "lambda*eta");
        var b = await ResubmitAsync("s003", "groups-b", x => x["weight-decay-equivalence"]!["gamma"] = "eta * lambda");
        using var scope = web.Services.CreateScope();
        var groups = await scope.ServiceProvider.GetRequiredService<AnswerGroups>().ListAsync(web.Exam.Id, "weight-decay-equivalence", "gamma", default);
        Assert.Contains(groups, g => g.Submissions.Contains(a) && g.Submissions.Contains(b));
        Assert.Equal(groups.Select(g => g.Submissions.Count).OrderByDescending(n => n), groups.Select(g => g.Submissions.Count));
        var ta = await web.BrowserAsync("ta2");
        var page = await Html.GetAsync(ta, $"{Groups}/weight-decay-equivalence/gamma");
        var sizes = page.Document.QuerySelectorAll("section.group").Select(s => int.Parse(s.GetAttribute("data-size")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sizes.OrderByDescending(n => n), sizes);
    }

    [Fact]
    public async Task Groups_HoldWrittenAnswersNotGradedYet_AndTheGroupGradeReachesThemWhenTheirGradingEnds()
    {
        await web.SetExamAsync(e => e.AttemptsAllowed = 5);
        // A new attempt of s003, queued and not graded: its written answer joins the group of the same text.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}/submissions")
        {
            Content = JsonContent.Create(new { answers = await web.AnswersAsync("s003", 3) }),
        };
        request.Headers.Add("Idempotency-Key", "groups-waiting");
        var queued = (long)(await (await web.As("s003").SendAsync(request)).ReadAsync())["id"]!;
        using var scope = web.Services.CreateScope();
        var groups = scope.ServiceProvider.GetRequiredService<AnswerGroups>();

        var listed = await groups.ListAsync(web.Exam.Id, "weight-initialization", "reasoning", default);
        var group = Assert.Single(listed, g => g.Submissions.Contains(queued));
        Assert.Equal(3, group.Submissions.Count);
        Assert.Equal([queued], group.Waiting);
        Assert.Equal(listed.Select(g => g.Submissions.Count).OrderByDescending(n => n), listed.Select(g => g.Submissions.Count));
        var ta = await web.BrowserAsync("ta1");
        var page = await Html.GetAsync(ta, $"{Groups}/weight-initialization/reasoning");
        Assert.Contains("1 still being graded", page.Document.QuerySelector("section.group .waiting")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(3, await groups.GradeAsync(web.Exam.Id, "weight-initialization", "reasoning", group.Key, 1, [], "Names the vanishing signal.", "ta1", default));
        await using (var db = web.Db())
        {
            var graded = await db.ScoreChanges.Where(c => c.ProblemId == "weight-initialization" && c.PartId == "reasoning").Select(c => c.SubmissionId).ToListAsync();
            Assert.Equal(group.Submissions.Where(id => id != queued).Order(), graded.Order());
        }

        await web.GradeAsync(queued);
        await using var check = web.Db();
        var change = await check.ScoreChanges.SingleAsync(c => c.SubmissionId == queued && c.ProblemId == "weight-initialization" && c.PartId == "reasoning");
        Assert.Equal((1.0, "Answer group: Names the vanishing signal."), (change.NewScore, change.Reason));
        Assert.False((await check.PartGrades.SingleAsync(p => p.Result!.SubmissionId == queued && p.ProblemId == "weight-initialization" && p.PartId == "reasoning")).PendingManual);
    }
}
