using System.Net.Http.Json;
using Autograder.Data.Model;
using Autograder.Jobs.Publishing;
using Autograder.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autograder.Web.Tests.Browser;

/// <summary>Browser tests run alone: two web apps in one process share Hangfire's process-wide storage, and a real browser's timeouts are wall-clock.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}

/// <summary>The TA's and the instructor's main paths in Debian's chromium, with screenshots kept under <c>screenshots/</c> of the test output.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffBrowserTests(StaffBrowserTests.Fixture web) : IClassFixture<StaffBrowserTests.Fixture>
{
    /// <summary>The staff fixture on a real Kestrel port, and one chromium for the class.</summary>
    public sealed class Fixture : StaffFixture
    {
        public string BaseUrl { get; private set; } = "";
        public IPlaywright Playwright { get; private set; } = null!;
        public IBrowser Browser { get; private set; } = null!;

        public Fixture() => UseKestrel();

        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["urls"] = "http://127.0.0.1:0" };

        public override async Task InitializeAsync()
        {
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            // Clients of a Kestrel-hosted factory call its real port.
            ClientOptions.BaseAddress = new Uri(BaseUrl);
            await base.InitializeAsync();
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await Playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            });
        }

        public override async ValueTask DisposeAsync()
        {
            if (Browser is not null) await Browser.DisposeAsync();
            Playwright?.Dispose();
            await base.DisposeAsync();
        }
    }

    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private async Task<IPage> SignInAsync(string login)
    {
        var context = await web.Browser.NewContextAsync(new() { BaseURL = web.BaseUrl, ViewportSize = new() { Width = 1360, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=Login]", login);
        await page.FillAsync("input[name=Password]", WebFactory.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    private static Task ShotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Shots);
        return page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name), FullPage = fullPage });
    }

    [Fact]
    public async Task Ta_GradesAManualPartWithTheKeys_GradesAnAnswerGroup_AndAnswersARegradeRequest()
    {
        var filed = await web.As("s002").PostAsJsonAsync($"/api/v1/submissions/{web.Submissions["s002"]}/regrade-requests",
            new { problem = "weight-decay-equivalence", part = "gamma", reason = "γ = ηλ is what I wrote, in other letters." });
        filed.EnsureSuccessStatusCode();
        var page = await SignInAsync("ta1");
        await page.ClickAsync("a.staff-link");
        await page.ClickAsync($"#exams a[href$='/exams/{WebFactory.ExamId}']");
        await ShotAsync(page, "staff-grading-home.png");
        await page.ClickAsync("tr[data-part='weight-decay-equivalence:derivation'] a.next[data-kind=manual]");
        await page.WaitForSelectorAsync("#grade-form");
        var first = page.Url;

        // 1 and 3 toggle the first and third items, c opens the comment, Esc leaves it, s saves and goes next.
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("3");
        Assert.Equal("2", await page.TextContentAsync("#total"));
        await page.Keyboard.PressAsync("c");
        await page.Keyboard.TypeAsync("The step is right; write out the gradient of the regularizer.");
        await page.Keyboard.PressAsync("Escape");
        await ShotAsync(page, "staff-grade-part.png");
        await page.Keyboard.PressAsync("s");
        await page.WaitForURLAsync(u => u != first && !u.Contains("handler", StringComparison.Ordinal));
        await using (var db = web.Db())
        {
            var change = await db.ScoreChanges.SingleAsync(c => c.PartId == "derivation" && c.ProblemId == "weight-decay-equivalence" && c.By == "ta1");
            Assert.Equal(2.0, change.NewScore);
            Assert.Equal(new[] { "gradient", "match" }, change.CheckedItems);
        }

        // One answer group graded once: every student who wrote the same gets it.
        await page.GotoAsync($"/staff/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}");
        await page.ClickAsync("tr[data-part='bn-simplified-gradient:derivation'] a.groups");
        await page.CheckAsync("section.group input[name=items] >> nth=0");
        await page.FillAsync("section.group input[name=comment]", "Nothing on the sheet beyond the first step.");
        await ShotAsync(page, "staff-answer-groups.png");
        await page.ClickAsync("section.group button[type=submit]");
        await page.WaitForSelectorAsync("#done:has-text('Graded 3 answers')");
        await using (var db = web.Db())
            Assert.Equal(3, await db.ScoreChanges.CountAsync(c => c.ProblemId == "bn-simplified-gradient" && c.PartId == "derivation" && c.Reason.StartsWith("Answer group")));

        await page.GotoAsync($"/staff/courses/{WebFactory.Course}/regrade-requests");
        await ShotAsync(page, "staff-regrade-queue.png");
        await page.ClickAsync("#requests a");
        await page.FillAsync("#score", "3");
        await page.FillAsync("textarea.response", "Agreed: the same expression. Full points.");
        await ShotAsync(page, "staff-regrade-answer.png");
        await page.ClickAsync("button.accept");
        await page.WaitForURLAsync(u => !u.Contains("/submissions/", StringComparison.Ordinal));
        await using var check = web.Db();
        Assert.Equal(RegradeRequestState.Accepted, (await check.RegradeRequests.SingleAsync(r => r.PartId == "gamma")).State);
    }

    [Fact]
    public async Task Instructor_PublishesWithAnAccommodation_Releases_Regrades_Exports_AndReadsTheStatistics()
    {
        var page = await SignInAsync("prof");
        await page.GotoAsync($"/instructor/courses/{WebFactory.Course}");
        await page.ClickAsync("#publish");
        await page.SelectOptionAsync("select[name=exam]", WebFactory.DraftExamId);
        await page.FillAsync("input[name=seed]", "11");
        await page.FillAsync("input[name=timeLimit]", "90");
        await page.FillAsync("input[name=closesAt]", "2026-12-08T09:00");
        // Late submissions for two days after the close, 10% off per started day.
        await page.CheckAsync("input[name=late][value=accept]");
        await page.FillAsync("input[name=lateHours]", "48");
        await page.FillAsync("input[name=latePenalty]", "10");
        await page.SelectOptionAsync("select[name=latePer]", "day");
        await ShotAsync(page, "instructor-publish.png");
        await page.ClickAsync("#publish-form button[type=submit]");
        await page.WaitForURLAsync(u => !u.EndsWith("/publish", StringComparison.Ordinal));
        Assert.Null(await page.QuerySelectorAsync("#error"));
        await page.WaitForSelectorAsync("#progress");
        long examId;
        await using (var db = web.Db()) examId = (await db.Exams.SingleAsync(e => e.BankExamId == WebFactory.DraftExamId)).Id;
        // The worker stores the variants; the polled bar follows and the page reloads once published.
        await web.Services.GetRequiredService<PublishExamJob>().PublishAsync(examId, null, null, default);
        await page.WaitForSelectorAsync("#progress:has-text('published')", new() { Timeout = 15000 });
        Assert.Equal("late submissions until 2026-12-10 09:00 UTC at −10% per started day", await page.TextContentAsync("#late-policy"));
        // An accommodation: half as much time again and a window of its own, a day later; the late cut-off moves with it.
        await page.FillAsync("tr[data-student=s002] input[name=extraTime]", "50");
        await page.FillAsync("tr[data-student=s002] input[name=closesAt]", "2026-12-09T09:00");
        await page.ClickAsync("tr[data-student=s002] button");
        await page.WaitForSelectorAsync("#done");
        Assert.Equal("2026-12-11 09:00", await page.TextContentAsync("tr[data-student=s002] .late-until"));
        Assert.Equal("2026-12-10 09:00", await page.TextContentAsync("tr[data-student=s001] .late-until"));
        await ShotAsync(page, "instructor-exam-accommodation.png");
        await using (var db = web.Db())
        {
            var exam = await db.Exams.SingleAsync(e => e.Id == examId);
            Assert.Equal((new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero), 10.0, true), (exam.LateUntil!.Value, exam.LatePenaltyPercent, exam.LatePenaltyPerDay));
            var sitting = await db.Sittings.SingleAsync(s => s.ExamId == examId && s.Person!.Login == "s002");
            Assert.Equal((50, new DateTimeOffset(2026, 12, 9, 9, 0, 0, TimeSpan.Zero)), (sitting.ExtraTimePercent, sitting.ClosesAt!.Value));
        }

        await page.GotoAsync($"/instructor/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}");
        await page.CheckAsync("input[name=scores]");
        await page.CheckAsync("input[name=feedback]");
        await page.ClickAsync("#release-form button");
        await page.WaitForSelectorAsync("#done");
        await page.ClickAsync("#regrade-form button");
        await page.WaitForSelectorAsync("#apply-form");
        await ShotAsync(page, "instructor-regrade-preview.png");
        await page.ClickAsync("#apply-form button");
        await page.WaitForSelectorAsync("#done:has-text('Regraded')");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#grades-canvas"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("Student,ID,SIS User ID,SIS Login ID,Section,", csv, StringComparison.Ordinal);

        await page.ClickAsync("#statistics");
        await page.WaitForSelectorAsync("#item-plot circle");
        await ShotAsync(page, "instructor-statistics.png");
        await using var check = web.Db();
        var release = (await check.Exams.SingleAsync(e => e.Id == web.Exam.Id)).Release;
        Assert.Equal((true, true, false, false), (release.Scores, release.Feedback, release.ReferenceAnswers, release.Reports));
    }

    [Fact]
    public async Task Student_SeesTheLateWindow_SubmitsLate_AndReadsThePenaltyOnTheResult()
    {
        bool released;
        await using (var db = web.Db()) released = (await db.Exams.SingleAsync(e => e.Id == web.Exam.Id)).Release.Scores;
        try
        {
            // The midterm closed an hour ago and takes late submissions for a day at 20% per started day.
            await web.SetExamAsync(e =>
            {
                (e.AttemptsAllowed, e.ClosesAt, e.LateUntil, e.LatePenaltyPercent, e.LatePenaltyPerDay) = (5, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), 20, true);
                e.Release.Scores = true;
            });
            // Answers saved as a draft earlier, which the exam page fills in.
            await using (var db = web.Db())
            {
                var sitting = await db.Sittings.SingleOrDefaultAsync(x => x.ExamId == web.Exam.Id && x.Person!.Login == "s003");
                if (sitting is null)
                {
                    sitting = new ExamSitting { ExamId = web.Exam.Id, PersonId = await db.People.Where(p => p.Login == "s003").Select(p => p.Id).SingleAsync() };
                    db.Sittings.Add(sitting);
                }
                sitting.Draft = await web.AnswersAsync("s003", seed: 3);
                await db.SaveChangesAsync();
            }
            var page = await SignInAsync("s003");
            await page.GotoAsync("/");
            Assert.Contains("late until", await page.TextContentAsync(".exam-open .late-window"), StringComparison.Ordinal);
            await ShotAsync(page, "web-late-window.png");
            await page.ClickAsync($".exam-open a[href$='/{WebFactory.ExamId}']");
            await page.WaitForSelectorAsync("#late-now");
            Assert.Contains("loses 20%", await page.TextContentAsync("#late-now"), StringComparison.Ordinal);
            await ShotAsync(page, "web-late-exam.png", fullPage: false);
            await page.ClickAsync("#submit");
            await page.WaitForURLAsync(u => u.Contains("/submissions/", StringComparison.Ordinal));
            var id = long.Parse(page.Url.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
            await web.GradeAsync(id);
            await page.WaitForSelectorAsync("#late", new() { Timeout = 15000 });
            await page.WaitForSelectorAsync("#submission-state .total", new() { Timeout = 15000 });
            Assert.Contains("−20%", await page.TextContentAsync("#late"), StringComparison.Ordinal);
            await ShotAsync(page, "web-late-result.png", fullPage: false);
            await using var check = web.Db();
            var result = await check.Results.Include(r => r.Parts).SingleAsync(r => r.SubmissionId == id);
            Assert.True(result.Parts.Sum(p => p.Score) > 0);
            Assert.Equal(Math.Round(Math.Round(result.Parts.Sum(p => p.Score), 6) * 0.8, 6), result.Score, 6);
        }
        finally
        {
            await web.SetExamAsync(e => { (e.AttemptsAllowed, e.ClosesAt, e.LateUntil, e.LatePenaltyPercent) = (1, null, null, 0); e.Release.Scores = released; });
        }
    }
}
