using System.Text.RegularExpressions;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Data.Tests.Support;
using Autograder.Jobs.Hosting;
using Autograder.Web.Hosting;
using Autograder.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autograder.Web.Tests.Browser;

/// <summary>
/// A student's whole path in Debian's chromium against the real app (Kestrel, workers in the process): sign in, open
/// the exam, see a format error and a preview, save, reload, submit, see the graded feedback, download the report, ask
/// for a regrade; and a timed exam that submits itself. Screenshots of each page land in <c>screenshots/</c>.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected readonly string connectionString = PostgresServer.CreateDatabase("browser");
    protected readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private WebApplication app = null!;
    protected string address = "";
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(shots);
        app = await WebApp.BuildAsync(["--urls", "http://127.0.0.1:0", "--ConnectionStrings:Default=" + connectionString],
            new WebHostOptions { Workers = new WorkerSpec(Queues.All, 2, "browser-tests") });
        await app.StartAsync();
        address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await WebFactory.SeedAsync(app.Services, connectionString, []);
        await using var db = Db();
        var exam = await db.Exams.SingleAsync(e => e.BankExamId == WebFactory.ExamId);
        exam.Release.Scores = exam.Release.Feedback = exam.Release.Reports = true;
        await db.SaveChangesAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    protected AutograderDb Db() => new(Database.Options(connectionString));

    protected async Task<IPage> SignInAsync(string login)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{address}/account/sign-in");
        await Shot(page, "01-sign-in");
        await page.FillAsync("input[name=Login]", login);
        await page.FillAsync("input[name=Password]", WebFactory.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{address}/");
        return page;
    }

    protected Task Shot(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, name + ".png"), FullPage = true });
}

/// <summary>The untimed path: answer, preview, draft, submit, feedback, report, regrade request.</summary>
public sealed class StudentPathTests : BrowserTest
{
    [Fact]
    public async Task Student_AnswersSubmitsReadsFeedbackDownloadsTheReportAndAsksForARegrade()
    {
        var page = await SignInAsync("s001");
        await Shot(page, "02-courses");
        await page.ClickAsync($"a[href='/courses/dl/exams/{WebFactory.ExamId}']");
        await page.WaitForSelectorAsync(".statement .katex");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "03-exam.png") });
        await page.Locator(".problem").Nth(5).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "03-exam-math.png") });

        var number = page.Locator(".part[data-type=number]").First;
        var input = number.Locator("input.answer");
        await input.FillAsync("twelve");
        await number.Locator("output.preview.bad").WaitForAsync();
        Assert.False(string.IsNullOrWhiteSpace(await number.Locator("output.preview").TextContentAsync()));
        await number.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "04-format-error.png") });
        // Waits for the draft that holds the new answer: "Draft saved" may already show from saving "twelve".
        await page.RunAndWaitForResponseAsync(() => input.FillAsync("0.25"),
            r => r.Request.Method == "PUT" && r.Url.EndsWith("/draft", StringComparison.Ordinal) && (r.Request.PostData ?? "").Contains("0.25", StringComparison.Ordinal) && r.Ok);
        await number.Locator("output.preview.ok").WaitForAsync();
        Assert.Contains("Understood as", await number.Locator("output.preview").TextContentAsync(), StringComparison.Ordinal);
        var formula = page.Locator(".part[data-type=formula]").First;
        if (await formula.CountAsync() > 0)
        {
            await formula.Locator("input.answer").FillAsync("\\frac{1}{2} d");
            await formula.Locator("output.preview.ok, output.preview.bad").WaitForAsync();
            await formula.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "05-formula-preview.png") });
        }
        await page.Locator("#saved", new() { HasTextRegex = new Regex("Draft saved") }).WaitForAsync();
        await number.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "05-preview.png") });

        await page.ReloadAsync();
        Assert.Equal("0.25", await page.Locator(".part[data-type=number]").First.Locator("input.answer").InputValueAsync());

        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(new Regex("/submissions/\\d+$"));
        await Shot(page, "06-submitted");
        // The page follows the grading and reloads itself when graded.
        await page.WaitForSelectorAsync("table.parts", new() { Timeout = 90_000 });
        for (var i = 0; i < 60 && await page.Locator("#report").CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "07-graded.png") });
        Assert.Contains("Score:", await page.Locator("#submission-state").TextContentAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report"));
        var pdf = Path.Combine(shots, "report.pdf");
        await download.SaveAsAsync(pdf);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf)[..4]), StringComparison.Ordinal);

        await page.FillAsync("#regrade-form textarea[name=Reason]", "My answer uses the other padding convention from the lecture.");
        await page.ClickAsync("#regrade-form button[type=submit]");
        await page.Locator(".notice").WaitForAsync();
        await Shot(page, "08-regrade-requested");
        await using var db = Db();
        Assert.Equal(1, await db.RegradeRequests.CountAsync(r => r.RequestedBy == "s001"));
    }
}

/// <summary>A timed exam, in an app of its own (the exam's time limit would change the other path).</summary>
public sealed class TimedExamTests : BrowserTest
{
    [Fact]
    public async Task TimedExam_SubmitsTheSavedAnswers_WhenTheTimeRunsOut()
    {
        await using (var db = Db())
        {
            var exam = await db.Exams.SingleAsync(e => e.BankExamId == WebFactory.ExamId);
            var person = await db.People.SingleAsync(p => p.Login == "s002");
            exam.TimeLimitMinutes = 30;
            // An accommodation of another kind: s002's own window closes in moments.
            db.Sittings.Add(new ExamSitting { ExamId = exam.Id, PersonId = person.Id, ClosesAt = DateTimeOffset.UtcNow.AddSeconds(25) });
            await db.SaveChangesAsync();
        }
        var page = await SignInAsync("s002");
        await page.GotoAsync($"{address}/courses/dl/exams/{WebFactory.ExamId}");
        await Shot(page, "09-timed-start");
        await page.ClickAsync("#start");
        await page.WaitForLoadStateAsync();
        await Shot(page, "10-timed-started");
        await page.WaitForSelectorAsync("#timer");
        var number = page.Locator(".part[data-type=number]").First;
        await number.Locator("input.answer").FillAsync("0.5");
        await page.Locator("#saved", new() { HasTextRegex = new Regex("Draft saved") }).WaitForAsync();
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "11-timer.png") });

        var auto = page.Locator("ul.attempts", new() { HasTextRegex = new Regex("submitted automatically") });
        for (var i = 0; i < 60 && await auto.CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            if (i > 25) await page.ReloadAsync();
        }
        Assert.Equal(1, await auto.CountAsync());
        Assert.Contains("closed", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await Shot(page, "12-submitted-automatically");
        await using var check = Db();
        var submission = await check.Submissions.SingleAsync(s => s.Person!.Login == "s002");
        Assert.StartsWith("auto:", submission.IdempotencyKey, StringComparison.Ordinal);
        Assert.NotNull(submission.Answers.ToJsonString());
        Assert.Contains("0.5", submission.Answers.ToJsonString(), StringComparison.Ordinal);
    }
}
