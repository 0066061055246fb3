using System.Net;
using System.Net.Http.Json;
using Autograder.Web.Tests.Pages;
using Autograder.Web.Tests.Support;

namespace Autograder.Web.Tests.Accounts;

public sealed class SignInTests(SignInTests.Fixture web) : IClassFixture<SignInTests.Fixture>
{
    public sealed class Fixture : WebFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Web:RateLimits:ParsePerMinute"] = "3",
        };
    }

    private HttpClient Browser() => web.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    internal static async Task<Html> SignInAsync(HttpClient client, string login, string password)
    {
        var page = await Html.GetAsync(client, "/account/sign-in");
        return await page.PostFormAsync(client, "form", new() { ["Login"] = login, ["Password"] = password });
    }

    [Fact]
    public async Task SignIn_SetsAnHttpOnlySameSiteCookie_AndTheHomePageListsTheCourse()
    {
        var client = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var signedIn = await SignInAsync(client, "s001", WebFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        var cookie = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("autograder=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await Html.GetAsync(client, "/");
        Assert.Equal(HttpStatusCode.OK, home.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", home.Response.Content.Headers.ContentType?.ToString());
        Assert.Contains("Deep learning", home.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.Document.QuerySelector($"a[href='/courses/dl/exams/{WebFactory.ExamId}']"));
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = Browser();
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["Login"] = "s002", ["Password"] = WebFactory.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_EvenForTheRightOneAfterwards()
    {
        var client = Browser();
        for (var i = 0; i < 5; i++) Assert.Contains("wrong", (await SignInAsync(client, "s003", "not the password")).Document.Body!.TextContent, StringComparison.Ordinal);
        var locked = await SignInAsync(client, "s003", WebFactory.Password);
        Assert.Contains("locked", locked.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieCallers_MustSendTheAntiforgeryToken_OnApiWrites()
    {
        var client = Browser();
        await SignInAsync(client, "s002", WebFactory.Password);
        var page = await Html.GetAsync(client, $"/courses/dl/exams/{WebFactory.ExamId}");
        var url = $"/api/v1/courses/dl/exams/{WebFactory.ExamId}/draft";
        var without = await client.PutAsJsonAsync(url, new { answers = new { } });
        await without.BadFieldAsync("RequestVerificationToken");
        var token = page.Document.QuerySelector("meta[name=antiforgery]")!.GetAttribute("content")!;
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { answers = new { } }) };
        request.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsTheOtherBrowsersSession()
    {
        var laptop = Browser();
        var phone = Browser();
        await SignInAsync(laptop, "ta1", WebFactory.Password);
        await SignInAsync(phone, "ta1", WebFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/me")).StatusCode);
        var home = await Html.GetAsync(laptop, "/");
        await home.PostFormAsync(laptop, "form[action='/account/sign-out?everywhere=true']", []);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Parse_OverItsRateLimit_Is429WithRetryAfter()
    {
        var client = web.As("prof");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            last = await client.PostAsJsonAsync($"/api/v1/courses/dl/exams/{WebFactory.ExamId}/parse", new { problem = "conv-output-shapes", part = "first", answer = "[1, 2, 3, 4]" });
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SignInLimitTests(SignInLimitTests.Fixture web) : IClassFixture<SignInLimitTests.Fixture>
{
    public sealed class Fixture : WebFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Web:RateLimits:SignInPerMinute"] = "3" };
    }

    [Fact]
    public async Task SignIn_OverItsRateLimit_Is429WithRetryAfter()
    {
        var client = web.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Html last = null!;
        for (var i = 0; i < 4; i++) last = await SignInTests.SignInAsync(client, "nobody", "nothing at all");
        Assert.Equal(HttpStatusCode.TooManyRequests, last.Response.StatusCode);
        Assert.True(last.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
