using System.Net.Http.Json;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Web.Accounts;
using Autograder.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Support;

/// <summary>
/// The web app with a graded submission of each of s001–s003, a second TA (ta2) of <c>dl</c> and a TA (ta9) of the other
/// course; browsers signed in by cookie, as the staff pages are used.
/// </summary>
public class StaffFixture : WebFactory
{
    public Dictionary<string, long> Submissions { get; } = [];
    private readonly Dictionary<string, HttpClient> browsers = [];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Web:RateLimits:SignInPerMinute"] = "1000",
        ["Web:RateLimits:SubmitPerMinute"] = "1000",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var courses = Services.GetRequiredService<CourseService>();
        await courses.ImportRosterAsync(Course, [new("ta2", "Theo Second", "ta2@example.edu")], CourseRole.Ta, default);
        await courses.ImportRosterAsync(OtherCourse, [new("ta9", "Olga Elsewhere", "ta9@example.edu")], CourseRole.Ta, default);
        using (var scope = Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await using var db = Db();
            foreach (var course in await db.Courses.ToListAsync()) await accounts.EnsureAccountsAsync(course.Id, default);
            foreach (var login in new[] { "ta2", "ta9" })
            {
                await accounts.SetPasswordDirectlyAsync(login, Password, default);
                Tokens[login] = await AccessTokens.CreateAsync(db, login, "tests", null, default);
            }
        }
        foreach (var (login, seed) in new[] { ("s001", 1), ("s002", 2), ("s003", 3) })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{Course}/exams/{ExamId}/submissions")
            {
                Content = JsonContent.Create(new { answers = await AnswersAsync(login, seed) }),
            };
            request.Headers.Add("Idempotency-Key", $"staff-{login}");
            var id = (long)(await (await As(login).SendAsync(request)).ReadAsync())["id"]!;
            await GradeAsync(id);
            Submissions[login] = id;
        }
    }

    /// <summary>A browser signed in as <paramref name="login"/> (cookies kept, redirects not followed).</summary>
    public async Task<HttpClient> BrowserAsync(string login)
    {
        if (browsers.TryGetValue(login, out var known)) return known;
        var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });
        await SignInTests.SignInAsync(client, login, Password);
        return browsers[login] = client;
    }
}
