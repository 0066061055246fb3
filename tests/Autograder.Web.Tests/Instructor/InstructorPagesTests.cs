using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Autograder.Data.Model;
using Autograder.Jobs.Publishing;
using Autograder.Web.Tests.Pages;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Instructor;

public sealed class InstructorPagesTests(StaffFixture web) : IClassFixture<StaffFixture>
{
    private const string CoursePage = $"/instructor/courses/{WebFactory.Course}";
    private const string ExamPage = $"/instructor/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Html page, string csv)
    {
        var token = page.Document.QuerySelector("#roster-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "roster", "roster.csv" },
        };
        return await client.PostAsync($"{CoursePage}?handler=Preview", content);
    }

    [Fact]
    public async Task RosterUpload_ListsEveryBadLineAndField_AndStoresNothingUntilClean()
    {
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, CoursePage);
        int people;
        await using (var db = web.Db()) people = await db.People.CountAsync();
        var bad = await Html.ReadAsync(await UploadAsync(prof, page, "id,name,email\nn001,Nia New,n001@example.edu\nn002,Noor,not-an-address\nn001,Twice,t@example.edu\nn004,,n004@example.edu\n"));
        var problems = bad.Document.QuerySelectorAll("#roster-problems tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("3|email|", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("4|id|'n001' already appears on line 2", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("5|name|", problems[2], StringComparison.Ordinal);
        Assert.Null(bad.Document.QuerySelector("#import-form"));
        await using (var db = web.Db()) Assert.Equal(people, await db.People.CountAsync());

        var clean = await Html.ReadAsync(await UploadAsync(prof, page, "Email,ID,Name\nn001@example.edu,n001,Nia New\nn002@example.edu,n002,Noor Next\n"));
        Assert.Empty(clean.Document.QuerySelectorAll("#roster-problems tr"));
        Assert.Equal(2, clean.Document.QuerySelectorAll("#roster-preview tbody tr").Length);
        var imported = await clean.PostFormAsync(prof, "#import-form", []);
        Assert.Equal(HttpStatusCode.Redirect, imported.Response.StatusCode);
        await using var check = web.Db();
        var enrolled = await check.Enrollments.Where(e => e.Role == CourseRole.Student && e.Person!.Login.StartsWith("n00")).Select(e => e.Person!.Login).OrderBy(l => l).ToListAsync();
        Assert.Equal(new[] { "n001", "n002" }, enrolled);
        Assert.Equal(2, await check.Users.CountAsync(u => u.UserName!.StartsWith("n00")));
    }

    [Fact]
    public async Task AddTa_ThenExportLinks_GivesOneTimeLinksToAccountsWithoutAPassword()
    {
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, CoursePage);
        var refused = await page.PostFormAsync(prof, "#ta-form", new() { ["login"] = "ta7", ["name"] = "Tia Seventh", ["email"] = "nope" });
        Assert.Contains("email:", refused.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var added = await page.PostFormAsync(prof, "#ta-form", new() { ["login"] = "ta7", ["name"] = "Tia Seventh", ["email"] = "ta7@example.edu" });
        Assert.Equal(HttpStatusCode.Redirect, added.Response.StatusCode);
        await using (var db = web.Db()) Assert.True(await db.Enrollments.AnyAsync(e => e.Role == CourseRole.Ta && e.Person!.Login == "ta7"));
        var links = await page.PostFormAsync(prof, "#links-form", []);
        Assert.Equal("text/csv", links.Response.Content.Headers.ContentType?.MediaType);
        var lines = (await links.Response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("login,name,state,expires_at,link", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.StartsWith("ta7,Tia Seventh,pending,", StringComparison.Ordinal) && l.Contains("/account/set-password?token=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("s001,", StringComparison.Ordinal) && l.Contains(",active,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_StoresTheVariantsWithProgress_AndAccommodationsStayEditable()
    {
        var prof = await web.BrowserAsync("prof");
        var form = await Html.GetAsync(prof, $"/instructor/courses/{WebFactory.Course}/publish");
        var bad = await form.PostFormAsync(prof, "#publish-form", new() { ["exam"] = WebFactory.DraftExamId, ["seed"] = "7", ["attempts"] = "0" });
        Assert.Contains("attempts:", bad.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var published = await form.PostFormAsync(prof, "#publish-form", new()
        {
            ["exam"] = WebFactory.DraftExamId, ["seed"] = "7", ["attempts"] = "2", ["timeLimit"] = "60", ["opensAt"] = "2026-12-01T09:00", ["closesAt"] = "2026-12-08T09:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.Response.StatusCode);
        var url = published.Response.Headers.Location!.OriginalString;
        var progress = await Html.GetAsync(prof, $"{url}?handler=progress");
        Assert.Contains("0 of", progress.Document.QuerySelector("#progress")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(progress.Document.QuerySelector("#progress")!.GetAttribute("hx-get"));

        // The worker's part: the job the page queued.
        await using (var db = web.Db())
        {
            var exam = await db.Exams.SingleAsync(e => e.CourseId == web.Exam.CourseId && e.BankExamId == WebFactory.DraftExamId);
            Assert.Equal((7L, 2, 60), (exam.Seed, exam.AttemptsAllowed, exam.TimeLimitMinutes!.Value));
            Assert.Equal(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), exam.ClosesAt);
            await web.Services.GetRequiredService<PublishExamJob>().PublishAsync(exam.Id, null, null, default);
        }
        var done = await Html.GetAsync(prof, $"{url}?handler=progress");
        Assert.Contains("published", done.Document.QuerySelector("#progress")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", done.Response.Headers.GetValues("HX-Refresh").Single());

        var page = await Html.GetAsync(prof, url);
        Assert.Equal("no late submissions", page.Document.QuerySelector("#late-policy")!.TextContent);
        var refused = await page.PostFormAsync(prof, "#acc-s002", new() { ["extraTime"] = "-5" });
        Assert.Contains("extra_time:", refused.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var saved = await page.PostFormAsync(prof, "#acc-s002", new() { ["extraTime"] = "50", ["closesAt"] = "2026-12-10T09:00" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        await using var check = web.Db();
        var sitting = await check.Sittings.SingleAsync(s => s.Exam!.BankExamId == WebFactory.DraftExamId && s.Person!.Login == "s002");
        Assert.Equal((50, new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero)), (sitting.ExtraTimePercent, sitting.ClosesAt!.Value));
    }

    [Theory]
    [InlineData("150", "", "24", "late_penalty:")]
    [InlineData("-1", "", "24", "late_penalty:")]
    [InlineData("ten", "", "24", "late_penalty:")]
    [InlineData("10", "", "", "late_until:")]
    [InlineData("10", "2026-12-07T09:00", "", "late_until:")]
    [InlineData("10", "2026-12-09T09:00", "24", "late_hours:")]
    [InlineData("10", "", "0", "late_hours:")]
    public async Task Publish_ABadLatePolicy_Is400NamingTheField_AndStoresNothing(string penalty, string until, string hours, string field)
    {
        var prof = await web.BrowserAsync("prof");
        var form = await Html.GetAsync(prof, $"/instructor/courses/{WebFactory.Course}/publish");
        var bad = await form.PostFormAsync(prof, "#publish-form", new()
        {
            ["exam"] = "fa22-hw7", ["seed"] = "3", ["closesAt"] = "2026-12-08T09:00", ["late"] = "accept", ["latePenalty"] = penalty, ["lateUntil"] = until, ["lateHours"] = hours,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
        Assert.StartsWith(field, bad.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        await using var db = web.Db();
        Assert.False(await db.Exams.AnyAsync(e => e.BankExamId == "fa22-hw7"));
    }

    [Fact]
    public async Task Publish_WithALatePolicyInHours_StoresTheCutOffAndPenalty_AndAnOwnWindowShiftsIt()
    {
        var prof = await web.BrowserAsync("prof");
        var form = await Html.GetAsync(prof, $"/instructor/courses/{WebFactory.Course}/publish");
        var published = await form.PostFormAsync(prof, "#publish-form", new()
        {
            ["exam"] = "fa22-hw6", ["seed"] = "5", ["closesAt"] = "2026-12-08T09:00", ["late"] = "accept", ["lateHours"] = "72", ["latePenalty"] = "25", ["latePer"] = "once",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.Response.StatusCode);
        var url = published.Response.Headers.Location!.OriginalString;
        await using (var db = web.Db())
        {
            var exam = await db.Exams.SingleAsync(e => e.CourseId == web.Exam.CourseId && e.BankExamId == "fa22-hw6");
            Assert.Equal((new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero), 25.0, false), (exam.LateUntil!.Value, exam.LatePenaltyPercent, exam.LatePenaltyPerDay));
        }
        var page = await Html.GetAsync(prof, url);
        Assert.Equal("late submissions until 2026-12-11 09:00 UTC at −25%", page.Document.QuerySelector("#late-policy")!.TextContent);
        await page.PostFormAsync(prof, "#acc-s001", new() { ["extraTime"] = "0", ["closesAt"] = "2026-12-09T09:00" });
        var after = await Html.GetAsync(prof, url);
        Assert.Equal("2026-12-12 09:00", after.Document.QuerySelector("tr[data-student=s001] .late-until")!.TextContent);
        Assert.Equal("2026-12-11 09:00", after.Document.QuerySelector("tr[data-student=s002] .late-until")!.TextContent);
    }

    [Fact]
    public async Task Release_SetsEachFlagApart_AndTheStudentSeesExactlyThat()
    {
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, ExamPage);
        var released = await page.PostFormAsync(prof, "#release-form", new() { ["scores"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, released.Response.StatusCode);
        var seen = await (await web.As("s001").GetAsync($"/api/v1/submissions/{web.Submissions["s001"]}")).ReadAsync();
        Assert.NotNull((double?)seen["score"]);
        var part = seen["problems"]![0]!["parts"]![0]!;
        Assert.NotNull((double?)part["score"]);
        Assert.Null((string?)part["feedback"]);
        await using var db = web.Db();
        var release = (await db.Exams.SingleAsync(e => e.Id == web.Exam.Id)).Release;
        Assert.Equal((true, false, false, false), (release.Scores, release.Feedback, release.ReferenceAnswers, release.Reports));
    }

    [Fact]
    public async Task RegradePreview_ListsEveryChangedScore_StoringNothing_ThenApplyStoresIt()
    {
        var submission = web.Submissions["s003"];
        double right;
        // A stored grade that the current key does not give (as before a fix): the regrade finds it.
        await using (var db = web.Db())
        {
            var result = await db.Results.SingleAsync(r => r.SubmissionId == submission);
            var part = result.Document["problems"]!.AsArray().Single(p => (string?)p!["problem"] == "conv-output-shapes")!["parts"]![0]!.AsObject();
            right = (double)part["score"]!;
            part["score"] = right > 0 ? 0 : 1;
            db.Entry(result).Property(r => r.Document).IsModified = true;
            await db.SaveChangesAsync();
        }
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, ExamPage);
        var preview = await page.PostFormAsync(prof, "#regrade-form", new() { ["problem"] = "conv-output-shapes" });
        var rows = preview.Document.QuerySelectorAll("#regrade-preview tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("s003", "conv-output-shapes"), (row[0], row[1]));
        Assert.Equal(right.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), row[4]);
        await using (var db = web.Db())
            Assert.NotEqual(right, (double)(await db.Results.SingleAsync(r => r.SubmissionId == submission)).Document["problems"]!.AsArray().Single(p => (string?)p!["problem"] == "conv-output-shapes")!["parts"]![0]!["score"]!);
        var applied = await preview.PostFormAsync(prof, "#apply-form", []);
        Assert.Equal(HttpStatusCode.Redirect, applied.Response.StatusCode);
        Assert.Contains("1 scores changed", Uri.UnescapeDataString(applied.Response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        await using var check = web.Db();
        var stored = (await check.Results.SingleAsync(r => r.SubmissionId == submission)).Document["problems"]!.AsArray().Single(p => (string?)p!["problem"] == "conv-output-shapes")!["parts"]![0]!;
        Assert.Equal(right, (double)stored["score"]!);
    }

    [Fact]
    public async Task CanvasExport_HasAPointsPossibleRow_AndSisIds()
    {
        var response = await web.As("prof").GetAsync($"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}/grades-canvas.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("Student,ID,SIS User ID,SIS Login ID,Section,", lines[0], StringComparison.Ordinal);
        Assert.Equal("Points Possible,,,,,139", lines[1]);
        Assert.Contains(lines, l => l.Contains(",,s001,s001,,", StringComparison.Ordinal));
        await using var db = web.Db();
        Assert.Equal(2 + await db.Enrollments.CountAsync(e => e.CourseId == web.Exam.CourseId && e.Role == CourseRole.Student), lines.Count);
    }

    [Fact]
    public async Task Statistics_ShowTheItemAnalysis_AndTheSummaryPdfDownloads()
    {
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, $"{ExamPage}/statistics");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal(10, page.Document.QuerySelectorAll("#histogram rect").Length);
        Assert.NotEmpty(page.Document.QuerySelectorAll("#item-plot circle"));
        Assert.NotNull(page.Document.QuerySelector("#items tr[data-part='weight-decay-equivalence:gamma']"));
        var pdf = await prof.GetAsync(page.Document.QuerySelector("#summary-pdf")!.GetAttribute("href"));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_LeaveWrittenPartsOutOfTheWrongAnswers_WaitingOrGradedBelowFull()
    {
        // s001's written answer graded at 0 by a TA; s002's and s003's still wait for a person.
        using (var scope = web.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Jobs.Grading.TaGrading>().RecordAsync(
                new Jobs.Grading.TaGrade(web.Submissions["s001"], "bn-simplified-gradient", "derivation", 0, "ta1", "Nothing on the sheet.", []), default);
        await using (var db = web.Db())
        {
            var written = await db.PartGrades.Where(p => p.ProblemId == "bn-simplified-gradient" && p.PartId == "derivation").ToListAsync();
            Assert.Contains(written, p => p.Answer is { Length: > 0 } && !p.PendingManual && p.Score < p.Max);
        }
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, $"{ExamPage}/statistics");
        var row = page.Document.QuerySelector("#items tr[data-part='bn-simplified-gradient:derivation']")!;
        Assert.Empty(row.QuerySelectorAll(".wrong"));
        Assert.DoesNotContain("See the working", page.Document.QuerySelector("#items")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.Document.QuerySelectorAll("#items .wrong"));
    }

    [Fact]
    public async Task NewCourse_NamesABadCode_AndMakesItsCreatorTheInstructor()
    {
        var prof = await web.BrowserAsync("prof");
        var page = await Html.GetAsync(prof, "/instructor/courses/new");
        var bad = await page.PostFormAsync(prof, "#course-form", new() { ["code"] = "dl 2", ["title"] = "Deep learning II" });
        Assert.StartsWith("code:", bad.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var made = await page.PostFormAsync(prof, "#course-form", new() { ["code"] = "dl2", ["title"] = "Deep learning II" });
        Assert.Equal("/instructor/courses/dl2", made.Response.Headers.Location!.OriginalString);
        await using var db = web.Db();
        Assert.True(await db.Enrollments.AnyAsync(e => e.Course!.Code == "dl2" && e.Person!.Login == "prof" && e.Role == CourseRole.Instructor));
        Assert.Equal(HttpStatusCode.OK, (await prof.GetAsync("/instructor/courses/dl2")).StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_IsForInstructorsOnly()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await web.BrowserAsync("prof")).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await web.BrowserAsync("ta1")).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await web.BrowserAsync("s001")).GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public void CopySignals_FlagAWrongAnswerThatIsAnotherStudentsReference()
    {
        static Core.Grading.ExamResult Result(string student, string answer, string reference, double score) => new("e", "E", 1, student, false, score, 1, DateTimeOffset.UnixEpoch, "v",
            [new Core.Grading.GradedProblem("p", "P", score, 1, new JsonObject(), [new Core.Grading.GradedPart("a", "", "number", score, 1, "", null, false, answer, reference, Core.Grading.PartPending.None, [])])]);
        var signals = Web.Staff.CourseStatistics.Signals([(1, Result("s1", "42", "42", 1)), (2, Result("s2", "42", "17", 0)), (3, Result("s3", "5", "9", 0))]);
        var signal = Assert.Single(signals);
        Assert.Equal(("s2", "s1", "p", "a"), (signal.Student, signal.MatchesStudent, signal.ProblemId, signal.PartId));
    }
}
