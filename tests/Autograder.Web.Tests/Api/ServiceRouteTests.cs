using System.Net;
using Autograder.Web.Tests.Support;

namespace Autograder.Web.Tests.Api;

public sealed class ServiceRouteTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task HealthAndReady_Answer200_WithoutACaller()
    {
        var client = web.As(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (string?)(await ready.ReadAsync())["status"]);
    }

    [Fact]
    public async Task Metrics_AreServedForPrometheus_WithTheQueuesAndTheRequestsSeen()
    {
        var client = web.As(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var text = string.Empty;
        // The exporter collects at most once a second: the first scrape may predate the request above.
        for (var i = 0; i < 20 && !text.Contains("http_server_request_duration", StringComparison.Ordinal); i++)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (!text.Contains("http_server_request_duration", StringComparison.Ordinal)) await Task.Delay(250);
        }

        Assert.Contains("autograder_queue_length", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryRouteOfTheContract()
    {
        var document = await (await web.As(null).GetAsync("/openapi/v1.json")).ReadAsync();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        string[] contract =
        [
            "/api/v1/me", "/api/v1/courses/{course}/exams", "/api/v1/courses/{course}/exams/{exam}/variant",
            "/api/v1/courses/{course}/exams/{exam}/parse", "/api/v1/courses/{course}/exams/{exam}/draft",
            "/api/v1/courses/{course}/exams/{exam}/submissions", "/api/v1/submissions/{id}", "/api/v1/submissions/{id}/report.pdf",
            "/api/v1/submissions/{id}/regrade-requests", "/api/v1/submissions/{id}/grades", "/api/v1/courses/{course}/regrade-requests",
            "/api/v1/regrade-requests/{id}/answer", "/api/v1/courses/{course}/exams/{exam}/regrade",
            "/api/v1/courses/{course}/exams/{exam}/grades.csv", "/api/v1/courses/{course}/exams/{exam}/release", "/healthz", "/readyz",
        ];
        Assert.Equal([], contract.Except(paths));
    }

    [Fact]
    public async Task ApiPage_IsServed_WithItsScriptFromTheApp()
    {
        var page = await web.As(null).GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontEndFiles_AreServedByTheApp()
    {
        foreach (var path in new[] { "/static/lib/katex/katex.min.js", "/static/lib/htmx/htmx.min.js", "/static/lib/editor/editor.js", "/static/app.js", "/static/site.css" })
            Assert.Equal(HttpStatusCode.OK, (await web.As(null).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task NoCaller_Gets401Problem_OnTheApi()
    {
        var response = await web.As(null).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var bad = web.CreateClient();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", "agt_not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/v1/me")).StatusCode);
    }
}
