using System.Net;
using System.Net.Http.Json;
using Autograder.Data.Model;
using Autograder.Web.Tests.Pages;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Tests.Staff;

public sealed class GradePageTests(StaffFixture web) : IClassFixture<StaffFixture>
{
    private const string Home = $"/staff/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}";

    private static string Part(long submission, string problem, string part) => $"/staff/submissions/{submission}/{problem}/{part}";

    [Fact]
    public async Task GradingHome_LinksNext_AndNextOpensAClaimedPartThatSavesWithTheRubric()
    {
        var ta = await web.BrowserAsync("ta1");
        var home = await Html.GetAsync(ta, Home);
        Assert.Equal(HttpStatusCode.OK, home.Response.StatusCode);
        var next = home.Document.QuerySelector("tr[data-part='point-cloud-invariance:swap_proof'] a.next[data-kind=manual]")!;
        Assert.Equal("3 · next", next.TextContent.Trim());
        var opened = await ta.GetAsync(next.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var url = opened.Headers.Location!.OriginalString;
        Assert.StartsWith("/staff/submissions/", url, StringComparison.Ordinal);
        var page = await Html.GetAsync(ta, url);
        Assert.Equal(2, page.Document.QuerySelectorAll("input.rubric-item").Length);
        Assert.Contains("See the working", page.Document.QuerySelector("#answer")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#params"));

        // Items "rows" (4) and "pooling" (4) with an adjustment of -1.5: 6.5 of 8; saving goes on to the next of the queue.
        var saved = await PostAsync(ta, page, url, new() { ["items"] = ["rows", "pooling"], ["adjustment"] = ["-1.5"], ["comment"] = ["Pooling argument is loose."], ["next"] = ["1"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(url.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(url, saved.Headers.Location!.OriginalString);
        Assert.Contains("swap_proof", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var db = web.Db();
        var change = await db.ScoreChanges.SingleAsync(c => c.SubmissionId == id && c.PartId == "swap_proof");
        Assert.Equal((6.5, "ta1", ScoreChangeKind.ManualGrade), (change.NewScore, change.By, change.Kind));
        Assert.Equal(new[] { "rows", "pooling" }, change.CheckedItems);
        Assert.Equal("Pooling argument is loose.", change.Reason);
        var part = await db.PartGrades.SingleAsync(p => p.Result!.SubmissionId == id && p.ProblemId == "point-cloud-invariance" && p.PartId == "swap_proof");
        Assert.False(part.PendingManual);
        Assert.Equal(6.5, part.Score);
        // Its claim is released, and the home page counts one less.
        Assert.False(await db.GradingClaims.AnyAsync(c => c.SubmissionId == id && c.PartId == "swap_proof"));
        var after = await Html.GetAsync(ta, Home);
        Assert.Equal("2 · next", after.Document.QuerySelector("tr[data-part='point-cloud-invariance:swap_proof'] a.next[data-kind=manual]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SecondTaSavingTheSamePart_SeesTheFirstsGrade_AndChoosesToReplaceIt()
    {
        var url = Part(web.Submissions["s002"], "weight-decay-equivalence", "derivation");
        var first = await web.BrowserAsync("ta1");
        var second = await web.BrowserAsync("ta2");
        var firstPage = await Html.GetAsync(first, url);
        var secondPage = await Html.GetAsync(second, url);
        Assert.Contains("ta1 is grading this part", secondPage.Document.QuerySelector("#held")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, firstPage, url, new() { ["items"] = ["gradient", "step", "match"] })).StatusCode);

        var refused = await Html.ReadAsync(await PostAsync(second, secondPage, url, new() { ["items"] = ["gradient"], ["comment"] = ["Only the gradient."] }));
        Assert.Equal(HttpStatusCode.Conflict, refused.Response.StatusCode);
        var conflict = refused.Document.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("ta1 saved a grade", conflict, StringComparison.Ordinal);
        Assert.Contains("3 / 3", conflict, StringComparison.Ordinal);
        // The second TA's own grade is still in the form, not stored.
        Assert.Equal("Only the gradient.", refused.Document.QuerySelector("#comment")!.TextContent);
        await using (var db = web.Db()) Assert.Equal(1, await db.ScoreChanges.CountAsync(c => c.SubmissionId == web.Submissions["s002"] && c.PartId == "derivation"));

        // Saving again from the conflict page replaces it on purpose; both stay in the history.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, refused, url, new() { ["items"] = ["gradient"], ["comment"] = ["Only the gradient."] })).StatusCode);
        await using var check = web.Db();
        var changes = await check.ScoreChanges.Where(c => c.SubmissionId == web.Submissions["s002"] && c.PartId == "derivation").OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(new[] { ("ta1", 3.0), ("ta2", 1.0) }, changes.Select(c => (c.By, c.NewScore)));
    }

    [Fact]
    public async Task RegradeRequest_AcceptedBesideThePart_SavesTheNewGrade_AndTheStudentReadsTheAnswer()
    {
        var submission = web.Submissions["s003"];
        var filed = await web.As("s003").PostAsJsonAsync($"/api/v1/submissions/{submission}/regrade-requests",
            new { problem = "purifier-lambda-range", part = "upper_bound", reason = "My formula is the same as the key." });
        var requestId = (long)(await filed.ReadAsync())["id"]!;
        var ta = await web.BrowserAsync("ta1");
        var queue = await Html.GetAsync(ta, $"/staff/courses/{WebFactory.Course}/regrade-requests");
        var open = queue.Document.QuerySelector($"tr[data-request='{requestId}'] a")!.GetAttribute("href")!;
        var page = await Html.GetAsync(ta, open);
        Assert.Contains("My formula is the same", page.Document.QuerySelector($"section[data-request='{requestId}']")!.TextContent, StringComparison.Ordinal);

        var empty = await Html.ReadAsync(await PostAsync(ta, page, $"{open}&handler=answer&request={requestId}", new() { ["score"] = ["2"], ["decision"] = ["accept"] }));
        Assert.Contains("response", empty.Document.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        var answered = await PostAsync(ta, page, $"{open}&handler=answer&request={requestId}",
            new() { ["score"] = ["2"], ["decision"] = ["accept"], [$"response{requestId}"] = ["Right: equivalent to the key."] });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        await using var db = web.Db();
        var request = await db.RegradeRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal((RegradeRequestState.Accepted, "ta1"), (request.State, request.ResolvedBy));
        var change = await db.ScoreChanges.SingleAsync(c => c.SubmissionId == submission && c.PartId == "upper_bound");
        Assert.Equal((2.0, ScoreChangeKind.Override), (change.NewScore, change.Kind));
        var seen = await (await web.As("s003").GetAsync($"/api/v1/submissions/{submission}")).ReadAsync();
        Assert.Contains(seen["regrade_requests"]!.AsArray(), r => (string?)r!["response"] == "Right: equivalent to the key.");
    }

    [Fact]
    public async Task RegradeRequest_Rejected_KeepsTheScore()
    {
        var submission = web.Submissions["s001"];
        var filed = await web.As("s001").PostAsJsonAsync($"/api/v1/submissions/{submission}/regrade-requests",
            new { problem = "dilated-conv", reason = "Please check." });
        var requestId = (long)(await filed.ReadAsync())["id"]!;
        var ta = await web.BrowserAsync("ta2");
        var home = await Html.GetAsync(ta, Home);
        var link = home.Document.QuerySelector("tr[data-part^='dilated-conv:'] a.next[data-kind=regrade]")!.GetAttribute("href")!;
        var url = (await ta.GetAsync(link)).Headers.Location!.OriginalString;
        var page = await Html.GetAsync(ta, url);
        var rejected = await PostAsync(ta, page, $"{url}&handler=answer&request={requestId}", new() { ["decision"] = ["reject"], [$"response{requestId}"] = ["The key is right."] });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        await using var db = web.Db();
        Assert.Equal(RegradeRequestState.Rejected, (await db.RegradeRequests.SingleAsync(r => r.Id == requestId)).State);
        Assert.False(await db.ScoreChanges.AnyAsync(c => c.SubmissionId == submission && c.ProblemId == "dilated-conv"));
    }

    /// <summary>Posts the page's grading form (its hidden fields, the antiforgery token among them) with <paramref name="fields"/>.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Html page, string url, Dictionary<string, string[]> fields)
    {
        var form = page.Document.QuerySelector("#grade-form")!;
        var values = new List<KeyValuePair<string, string>>();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            if (hidden.GetAttribute("name") is { } name && !fields.ContainsKey(name)) values.Add(new(name, hidden.GetAttribute("value") ?? ""));
        foreach (var (name, list) in fields) values.AddRange(list.Select(v => new KeyValuePair<string, string>(name, v)));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
