using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Autograder.Web.Tests.Pages;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Api;

public sealed class StudentApiTests(WebFactory web) : IClassFixture<WebFactory>
{
    private const string Exam = $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}";

    [Fact]
    public async Task Me_ListsTheCallersCoursesAndRoles()
    {
        var me = await (await web.As("ta1").GetAsync("/api/v1/me")).ReadAsync();
        Assert.Equal("ta1", (string?)me["login"]);
        Assert.Equal("Tess Assistant", (string?)me["name"]);
        var course = Assert.Single(me["courses"]!.AsArray());
        Assert.Equal("dl", (string?)course!["code"]);
        Assert.Equal("ta", (string?)course["role"]);
    }

    [Fact]
    public async Task Exams_StudentsSeePublishedOnly_StaffSeeDrafts()
    {
        var student = (await (await web.As("s001").GetAsync($"/api/v1/courses/{WebFactory.Course}/exams")).ReadAsync()).AsArray();
        var exam = Assert.Single(student);
        Assert.Equal(WebFactory.ExamId, (string?)exam!["id"]);
        Assert.Equal("open", (string?)exam["state"]);
        Assert.Equal(1, (int?)exam["attempts_allowed"]);
        foreach (var field in new[] { "opens_at", "closes_at", "time_limit_minutes", "my_deadline", "attempts_used" }) Assert.True(exam.AsObject().ContainsKey(field), field);
        var staff = (await (await web.As("prof").GetAsync($"/api/v1/courses/{WebFactory.Course}/exams")).ReadAsync()).AsArray();
        Assert.Equal(2, staff.Count);
    }

    [Fact]
    public async Task Variant_IsTheCallersOwn_AndHoldsNoReferenceAnswer()
    {
        var variant = await (await web.As("s002").GetAsync($"{Exam}/variant")).ReadAsync();
        Assert.Equal("s002", (string?)variant["student"]);
        var problems = variant["problems"]!.AsArray();
        Assert.Equal(web.Services.GetRequiredService<Core.Bank.ProblemBank>().Exam(WebFactory.ExamId).Problems.Count, problems.Count);
        var first = problems[0]!;
        Assert.Contains("class=\"math", (string?)first["statement_html"], StringComparison.Ordinal);
        Assert.All(first["parts"]!.AsArray(), p => Assert.False(string.IsNullOrEmpty((string?)p!["hint"])));
        var text = variant.ToJsonString();
        Assert.DoesNotContain("reference", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mistake", text, StringComparison.OrdinalIgnoreCase);
        // Another student's numbers differ: each reads their own variant.
        var other = await (await web.As("s003").GetAsync($"{Exam}/variant")).ReadAsync();
        Assert.NotEqual(text, other.ToJsonString().Replace("s003", "s002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parse_ReadsAsTheGraderDoes_AndAFormatErrorIsNotA400()
    {
        var (problem, part) = await NumberPartAsync();
        var ok = await (await web.As("s001").PostAsJsonAsync($"{Exam}/parse", new { problem, part, answer = "1.5e-3" })).ReadAsync();
        Assert.True((bool?)ok["ok"]);
        Assert.Equal("0.0015", (string?)ok["understood"]);
        var bad = await web.As("s001").PostAsJsonAsync($"{Exam}/parse", new { problem, part, answer = "twelve" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var parsed = await bad.ReadAsync();
        Assert.False((bool?)parsed["ok"]);
        Assert.False(string.IsNullOrEmpty((string?)parsed["error"]));
    }

    [Fact]
    public async Task Parse_NamesTheBadField()
    {
        var (problem, _) = await NumberPartAsync();
        Assert.Contains("no part 'zz'", await (await web.As("s001").PostAsJsonAsync($"{Exam}/parse", new { problem, part = "zz", answer = "1" })).BadFieldAsync("part"), StringComparison.Ordinal);
        await (await web.As("s001").PostAsJsonAsync($"{Exam}/parse", new { problem = "nope", part = "a", answer = "1" })).BadFieldAsync("problem");
        var malformed = new StringContent("{\"problem\": ", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await web.As("s001").PostAsync($"{Exam}/parse", malformed)).StatusCode);
    }

    [Fact]
    public async Task Draft_IsSavedAndReadBack_AndBadAnswersStoreNothing()
    {
        var (problem, part) = await NumberPartAsync();
        var client = web.As("s003");
        var saved = await client.PutAsJsonAsync($"{Exam}/draft", new { answers = new Dictionary<string, object> { [problem] = new Dictionary<string, string> { [part] = "0.5" } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull((string?)(await saved.ReadAsync())["saved_at"]);
        var draft = await (await client.GetAsync($"{Exam}/draft")).ReadAsync();
        Assert.Equal("0.5", (string?)draft["answers"]![problem]![part]);

        var bad = await client.PutAsJsonAsync($"{Exam}/draft", new { answers = new { nope = new { a = "1" } } });
        Assert.Contains("no problem 'nope'", await bad.BadFieldAsync("answers"), StringComparison.Ordinal);
        await (await client.PutAsJsonAsync($"{Exam}/draft", new { })).BadFieldAsync("answers");
        Assert.Equal("0.5", (string?)(await (await client.GetAsync($"{Exam}/draft")).ReadAsync())["answers"]![problem]![part]);
    }

    [Fact]
    public async Task Submit_NeedsAKey_IsIdempotent_AndFollowsReleaseToResults()
    {
        var client = web.As("s001");
        var answers = await web.AnswersAsync("s001", seed: 1);
        var noKey = await client.PostAsJsonAsync($"{Exam}/submissions", new { answers });
        await noKey.BadFieldAsync("Idempotency-Key");
        await using (var db = web.Db()) Assert.Equal(0, await db.Submissions.CountAsync(s => s.Person!.Login == "s001"));
        var badAnswers = await Send(client, new { answers = new { nope = new { } } }, "k0");
        await badAnswers.BadFieldAsync("answers");

        var first = await Send(client, new { answers }, "k1");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var created = await first.ReadAsync();
        Assert.Equal(1, (int?)created["attempt"]);
        Assert.Equal("queued", (string?)created["state"]);
        var again = await Send(client, new { answers }, "k1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((long?)created["id"], (long?)(await again.ReadAsync())["id"]);
        // One attempt allowed: a new key is refused.
        var second = await Send(client, new { answers }, "k2");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("attempt", (string?)(await second.ReadAsync())["detail"], StringComparison.Ordinal);

        var id = (long)created["id"]!;
        await web.GradeAsync(id);
        var hidden = await (await client.GetAsync($"/api/v1/submissions/{id}")).ReadAsync();
        Assert.Equal("reported", (string?)hidden["state"]);
        Assert.Null(hidden["score"]);
        Assert.All(hidden["problems"]!.AsArray().SelectMany(p => p!["parts"]!.AsArray()), p => Assert.Null(p!["feedback"]));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/submissions/{id}/report.pdf")).StatusCode);

        var release = await web.As("prof").PostAsJsonAsync($"{Exam}/release", new { scores = true, feedback = true, reference_answers = false, reports = true });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        var shown = await (await client.GetAsync($"/api/v1/submissions/{id}")).ReadAsync();
        Assert.NotNull((double?)shown["score"]);
        Assert.Equal(web.Exam.TotalPoints, (double?)shown["max"]);
        var part = shown["problems"]![0]!["parts"]![0]!;
        foreach (var field in new[] { "id", "score", "max", "feedback", "rule", "format_error", "understood", "pending" }) Assert.True(part.AsObject().ContainsKey(field), field);
        Assert.NotNull((string?)part["feedback"]);
        Assert.Null(part["reference"]);
        var pdf = await client.GetAsync($"/api/v1/submissions/{id}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);

        var problemId = (string)shown["problems"]![0]!["id"]!;
        var partId = (string)part["id"]!;
        await (await client.PostAsJsonAsync($"/api/v1/submissions/{id}/regrade-requests", new { problem = problemId, part = partId })).BadFieldAsync("reason");
        await (await client.PostAsJsonAsync($"/api/v1/submissions/{id}/regrade-requests", new { problem = problemId, part = "zz", reason = "x" })).BadFieldAsync("part");
        var filed = await client.PostAsJsonAsync($"/api/v1/submissions/{id}/regrade-requests", new { problem = problemId, part = partId, reason = "I used the other convention." });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("open", (string?)(await filed.ReadAsync())["state"]);
        await using var check = web.Db();
        Assert.Equal(1, await check.RegradeRequests.CountAsync(r => r.SubmissionId == id));
    }

    [Fact]
    public async Task Submit_AfterTheDeadline_Is409_AndTheSameKeyStillAnswers()
    {
        var client = web.As("s002");
        var answers = await web.AnswersAsync("s002", seed: 2);
        await web.SetExamAsync(e => e.AttemptsAllowed = 3);
        var first = await Send(client, new { answers }, "late-1");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        try
        {
            await web.SetExamAsync(e => e.ClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1));
            var late = await Send(client, new { answers }, "late-2");
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("deadline", (string?)(await late.ReadAsync())["detail"], StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await Send(client, new { answers }, "late-1")).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync($"{Exam}/draft", new { answers })).StatusCode);
        }
        finally
        {
            await web.SetExamAsync(e => { e.ClosesAt = null; e.AttemptsAllowed = 1; });
        }
    }

    [Fact]
    public async Task Submit_InTheLateWindow_Is202AndMarkedLate_WithThePenaltyOnTheTotal_AndAfterTheCutOffIs409()
    {
        var client = web.As("s003");
        var answers = await web.AnswersAsync("s003", seed: 3);
        try
        {
            // Closed two hours ago; late submissions for another day at 15% per started day late.
            await web.SetExamAsync(e =>
            {
                (e.AttemptsAllowed, e.ClosesAt, e.LateUntil) = (3, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddDays(1));
                (e.LatePenaltyPercent, e.LatePenaltyPerDay) = (15, true);
            });
            var listed = (await (await client.GetAsync($"/api/v1/courses/{WebFactory.Course}/exams")).ReadAsync()).AsArray().Single(x => (string?)x!["id"] == WebFactory.ExamId)!;
            Assert.Equal("open", (string?)listed["state"]);
            Assert.Equal((15.0, true), ((double)listed["late_policy"]!["penalty_percent"]!, (bool)listed["late_policy"]!["per_day"]!));
            Assert.True(listed["my_due_at"]!.GetValue<DateTimeOffset>() < listed["my_deadline"]!.GetValue<DateTimeOffset>());
            var home = await Html.GetAsync(client, "/");
            Assert.Contains("late until", home.Document.QuerySelector(".exam-open .late-window")!.TextContent, StringComparison.Ordinal);
            var examPage = await Html.GetAsync(client, $"/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}");
            Assert.Contains("loses 15%", examPage.Document.QuerySelector("#late-now")!.TextContent, StringComparison.Ordinal);

            var late = await Send(client, new { answers }, "late-window-1");
            Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
            var id = (long)(await late.ReadAsync())["id"]!;
            await web.GradeAsync(id);
            // Staff see the scores whatever is released.
            var view = await (await web.As("prof").GetAsync($"/api/v1/submissions/{id}")).ReadAsync();
            var raw = view["problems"]!.AsArray().Sum(p => (double)p!["score"]!);
            Assert.Equal(15, (double)view["late"]!["penalty_percent"]!);
            Assert.InRange((double)view["late"]!["minutes"]!, 119, 125);
            Assert.Equal(raw, (double)view["late"]!["raw_score"]!, 4);
            Assert.Equal(Math.Round(raw * 0.85, 6), (double)view["score"]!, 4);
            var result = await Html.GetAsync(client, $"/submissions/{id}");
            Assert.Contains("−15%", result.Document.QuerySelector("#late")!.TextContent, StringComparison.Ordinal);

            await web.SetExamAsync(e => e.LateUntil = DateTimeOffset.UtcNow.AddMinutes(-1));
            var cutOff = await Send(client, new { answers }, "late-window-2");
            Assert.Equal(HttpStatusCode.Conflict, cutOff.StatusCode);
            Assert.Contains("late cut-off", (string?)(await cutOff.ReadAsync())["detail"], StringComparison.Ordinal);
        }
        finally
        {
            await web.SetExamAsync(e => { (e.ClosesAt, e.LateUntil, e.LatePenaltyPercent, e.AttemptsAllowed) = (null, null, 0, 1); });
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Exam}/submissions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<(string Problem, string Part)> NumberPartAsync()
    {
        var bank = web.Services.GetRequiredService<Core.Bank.ProblemBank>();
        var pair = bank.Exam(WebFactory.ExamId).Problems.SelectMany(p => bank.Problem(p.ProblemId).Parts.Select(part => (p.ProblemId, part)))
            .First(x => x.part.Type == Core.Bank.AnswerType.Number);
        await Task.CompletedTask;
        return (pair.ProblemId, pair.part.Id);
    }
}
