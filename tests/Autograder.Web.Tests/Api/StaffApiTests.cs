using System.Net;
using System.Net.Http.Json;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Api;

public sealed class StaffApiTests(AuthorizationMatrixTests.Fixture web) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    private const string E = $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}";

    [Fact]
    public async Task Submissions_ListsTheExamsSubmissions_ForATa()
    {
        var rows = (await (await web.As("ta1").GetAsync($"{E}/submissions")).ReadAsync()).AsArray();
        var row = Assert.Single(rows);
        Assert.Equal(web.Submission, (long?)row!["id"]);
        Assert.Equal("s001", (string?)row["student"]);
        foreach (var field in new[] { "attempt", "state", "score", "max", "submitted_at" }) Assert.True(row.AsObject().ContainsKey(field), field);
    }

    [Fact]
    public async Task Grades_RecordsAnAuditedOverride_AndBadInputNamesTheFieldAndStoresNothing()
    {
        var ta = web.As("ta1");
        var url = $"/api/v1/submissions/{web.Submission}/grades";
        await (await ta.PostAsJsonAsync(url, new { problem = "conv-output-shapes", part = "first", score = 1 })).BadFieldAsync("reason");
        await (await ta.PostAsJsonAsync(url, new { problem = "conv-output-shapes", part = "zz", score = 1, reason = "r" })).BadFieldAsync("part");
        await (await ta.PostAsJsonAsync(url, new { problem = "conv-output-shapes", part = "first", score = 99, reason = "r" })).BadFieldAsync("score");
        await using (var db = web.Db()) Assert.Equal(0, await db.ScoreChanges.CountAsync());
        var ok = await ta.PostAsJsonAsync(url, new { problem = "conv-output-shapes", part = "first", score = 0.5, reason = "partly right", comment = "see the padding" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var part = (await ok.ReadAsync())["problems"]!.AsArray().Single(p => (string?)p!["id"] == "conv-output-shapes")!["parts"]!.AsArray().Single(p => (string?)p!["id"] == "first")!;
        Assert.Equal(0.5, (double?)part["score"]);
        await using var check = web.Db();
        var change = await check.ScoreChanges.SingleAsync();
        Assert.Equal("ta1", change.By);
    }

    [Fact]
    public async Task RegradeRequests_AreListedAndAnswered()
    {
        var ta = web.As("ta1");
        var open = (await (await ta.GetAsync($"/api/v1/courses/{WebFactory.Course}/regrade-requests?state=open")).ReadAsync()).AsArray();
        var request = Assert.Single(open);
        Assert.Equal("s001", (string?)request!["student"]);
        Assert.Equal(web.Submission, (long?)request["submission"]);
        var url = $"/api/v1/regrade-requests/{web.Request}/answer";
        await (await ta.PostAsJsonAsync(url, new { accept = true })).BadFieldAsync("response");
        await (await ta.PostAsJsonAsync(url, new { response = "ok" })).BadFieldAsync("accept");
        var answered = await ta.PostAsJsonAsync(url, new { accept = false, response = "The key is right." });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("rejected", (string?)(await answered.ReadAsync())["state"]);
        Assert.Empty((await (await ta.GetAsync($"/api/v1/courses/{WebFactory.Course}/regrade-requests?state=open")).ReadAsync()).AsArray());
        await (await ta.GetAsync($"/api/v1/courses/{WebFactory.Course}/regrade-requests?state=maybe")).BadFieldAsync("state");
        // The student reads the answer with their submission.
        var seen = await (await web.As("s001").GetAsync($"/api/v1/submissions/{web.Submission}")).ReadAsync();
        Assert.Equal("The key is right.", (string?)seen["regrade_requests"]![0]!["response"]);
    }

    [Fact]
    public async Task Regrade_PreviewStoresNothing_ApplyAnswersTheSame()
    {
        var prof = web.As("prof");
        await (await prof.PostAsJsonAsync($"{E}/regrade", new { })).BadFieldAsync("apply");
        await (await prof.PostAsJsonAsync($"{E}/regrade", new { apply = false, problem = "nope" })).BadFieldAsync("problem");
        DateTimeOffset? gradedAt;
        await using (var db = web.Db()) gradedAt = (await db.Submissions.SingleAsync(s => s.Id == web.Submission)).GradedAt;
        var preview = await (await prof.PostAsJsonAsync($"{E}/regrade", new { apply = false })).ReadAsync();
        Assert.Equal(1, (int?)preview["submissions"]);
        await using (var db = web.Db()) Assert.Equal(gradedAt, (await db.Submissions.SingleAsync(s => s.Id == web.Submission)).GradedAt);
        var applied = await (await prof.PostAsJsonAsync($"{E}/regrade", new { apply = true })).ReadAsync();
        Assert.Equal(preview["changes"]!.ToJsonString(), applied["changes"]!.ToJsonString());
    }

    [Fact]
    public async Task GradesCsv_HasTheHeader_AndARowPerStudent_EndingWithThePointsPossible()
    {
        var response = await web.As("prof").GetAsync($"{E}/grades.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var exam = web.Services.GetRequiredService<Core.Bank.ProblemBank>().Exam(WebFactory.ExamId);
        Assert.Equal(string.Join(",", ["student", "name", .. exam.Problems.Select(p => p.ProblemId), "total", "points_possible"]), lines[0]);
        Assert.All(lines[1..], l => Assert.EndsWith("," + StaffPoints(exam.TotalPoints), l, StringComparison.Ordinal));
        await using var db = web.Db();
        var roster = await db.Enrollments.Where(e => e.CourseId == web.Exam.CourseId && e.Role == Data.Model.CourseRole.Student).Select(e => e.Person!.Login).OrderBy(l => l).ToListAsync();
        Assert.Equal(roster, lines[1..].Select(l => l.Split(',')[0]));
        Assert.Contains("s001", roster);
    }

    [Fact]
    public async Task Release_NeedsEveryFlag_AndStoresThem()
    {
        var prof = web.As("prof");
        await (await prof.PostAsJsonAsync($"{E}/release", new { scores = true, feedback = true, reports = true })).BadFieldAsync("reference_answers");
        var ok = await prof.PostAsJsonAsync($"{E}/release", new { scores = true, feedback = false, reference_answers = true, reports = false });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using var db = web.Db();
        var exam = await db.Exams.SingleAsync(e => e.Id == web.Exam.Id);
        Assert.True(exam.Release.Scores && exam.Release.ReferenceAnswers && !exam.Release.Feedback && !exam.Release.Reports);
    }

    [Fact]
    public async Task AccountLinks_AreIssuedForAccountsWithoutPassword_AndSetItOnce()
    {
        await using (var db = web.Db())
        {
            var course = await db.Courses.SingleAsync(c => c.Code == WebFactory.Course);
            db.People.Add(new Data.Model.Person { Login = "s099", Name = "New Student", Email = "s099@example.edu" });
            await db.SaveChangesAsync();
            db.Enrollments.Add(new Data.Model.Enrollment { CourseId = course.Id, PersonId = (await db.People.SingleAsync(p => p.Login == "s099")).Id, Role = Data.Model.CourseRole.Student });
            await db.SaveChangesAsync();
        }
        var links = (await (await web.As("prof").PostAsJsonAsync($"/api/v1/courses/{WebFactory.Course}/account-links", new { })).ReadAsync()).AsArray();
        var pending = Assert.Single(links, l => (string?)l!["state"] == "pending")!;
        Assert.Equal("s099", (string?)pending["login"]);
        var url = new Uri((string)pending["url"]!);
        var client = web.CreateClient(new() { AllowAutoRedirect = false });
        var page = await Pages.Html.GetAsync(client, url.PathAndQuery);
        Assert.Contains("s099", page.Document.Body!.TextContent, StringComparison.Ordinal);
        var weak = await page.PostFormAsync(client, "form", new() { ["Password"] = "my-s099-xyz", ["Confirm"] = "my-s099-xyz" });
        Assert.Contains("must not contain your login", weak.Document.Body!.TextContent, StringComparison.Ordinal);
        var set = await weak.PostFormAsync(client, "form", new() { ["Password"] = "a long good passphrase", ["Confirm"] = "a long good passphrase" });
        Assert.Contains("Your password is set", set.Document.Body!.TextContent, StringComparison.Ordinal);
        var reused = await Pages.Html.GetAsync(client, url.PathAndQuery);
        Assert.Contains("expired or was already used", reused.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    private static string StaffPoints(double x) => x.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
