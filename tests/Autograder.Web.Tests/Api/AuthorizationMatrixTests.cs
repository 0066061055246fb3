using System.Net;
using System.Net.Http.Json;
using Autograder.Web.Tests.Support;

namespace Autograder.Web.Tests.Api;

/// <summary>Every id-taking route, as each kind of caller who must not get through: the answer the contract gives.</summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture web) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    /// <summary>The course with one graded submission of s001, so that submission routes have something to refuse.</summary>
    public sealed class Fixture : WebFactory
    {
        public long Submission { get; private set; }
        public long Request { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{Course}/exams/{ExamId}/submissions")
            {
                Content = JsonContent.Create(new { answers = await AnswersAsync("s001", 1) }),
            };
            request.Headers.Add("Idempotency-Key", "matrix");
            Submission = (long)(await (await As("s001").SendAsync(request)).ReadAsync())["id"]!;
            await GradeAsync(Submission);
            var filed = await As("s001").PostAsJsonAsync($"/api/v1/submissions/{Submission}/regrade-requests",
                new { problem = "conv-output-shapes", reason = "please look" });
            Request = filed.IsSuccessStatusCode ? (long)(await filed.ReadAsync())["id"]! : 0;
        }
    }

    private const string E = $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}";
    private const string Draft = $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.DraftExamId}";

    public static TheoryData<string, string, string?, int> Cases => new()
    {
        // A student of another course: 403 on the course's routes (they know the course), 404 on its submissions.
        { "GET", $"/api/v1/courses/{WebFactory.Course}/exams", "x001", 403 },
        { "GET", $"{E}/variant", "x001", 403 },
        { "POST", $"{E}/parse", "x001", 403 },
        { "PUT", $"{E}/draft", "x001", 403 },
        { "POST", $"{E}/submissions", "x001", 403 },
        { "GET", "/api/v1/submissions/{s}", "x001", 404 },
        { "GET", "/api/v1/submissions/{s}/report.pdf", "x001", 404 },
        { "POST", "/api/v1/submissions/{s}/regrade-requests", "x001", 404 },
        // Another student of the same course: someone else's submission does not exist for them.
        { "GET", "/api/v1/submissions/{s}", "s002", 404 },
        { "GET", "/api/v1/submissions/{s}/report.pdf", "s002", 404 },
        { "POST", "/api/v1/submissions/{s}/regrade-requests", "s002", 404 },
        { "POST", "/api/v1/submissions/{s}/grades", "s002", 404 },
        { "POST", "/api/v1/regrade-requests/{r}/answer", "s002", 404 },
        // An unpublished exam does not exist for students.
        { "GET", $"{Draft}/variant", "s001", 404 },
        { "POST", $"{Draft}/parse", "s001", 404 },
        { "POST", $"{Draft}/submissions", "s001", 404 },
        // Students on staff routes, even their own submission: 403.
        { "GET", $"{E}/submissions", "s001", 403 },
        { "POST", "/api/v1/submissions/{s}/grades", "s001", 403 },
        { "GET", $"/api/v1/courses/{WebFactory.Course}/regrade-requests", "s001", 403 },
        { "POST", "/api/v1/regrade-requests/{r}/answer", "s001", 403 },
        { "POST", $"{E}/regrade", "s001", 403 },
        { "GET", $"{E}/grades.csv", "s001", 403 },
        { "POST", $"{E}/release", "s001", 403 },
        // A TA on instructor routes: 403.
        { "POST", $"{E}/regrade", "ta1", 403 },
        { "GET", $"{E}/grades.csv", "ta1", 403 },
        { "POST", $"{E}/release", "ta1", 403 },
        { "POST", $"/api/v1/courses/{WebFactory.Course}/account-links", "ta1", 403 },
        // Staff of another course see nothing of this one's submissions.
        { "GET", $"/api/v1/courses/{WebFactory.OtherCourse}/exams", "ta1", 403 },
        // Signed out: 401 everywhere.
        { "GET", "/api/v1/me", null, 401 },
        { "GET", $"/api/v1/courses/{WebFactory.Course}/exams", null, 401 },
        { "GET", $"{E}/variant", null, 401 },
        { "POST", $"{E}/parse", null, 401 },
        { "PUT", $"{E}/draft", null, 401 },
        { "POST", $"{E}/submissions", null, 401 },
        { "GET", "/api/v1/submissions/{s}", null, 401 },
        { "GET", "/api/v1/submissions/{s}/report.pdf", null, 401 },
        { "POST", "/api/v1/submissions/{s}/regrade-requests", null, 401 },
        { "GET", $"{E}/submissions", null, 401 },
        { "POST", "/api/v1/submissions/{s}/grades", null, 401 },
        { "GET", $"/api/v1/courses/{WebFactory.Course}/regrade-requests", null, 401 },
        { "POST", "/api/v1/regrade-requests/{r}/answer", null, 401 },
        { "POST", $"{E}/regrade", null, 401 },
        { "GET", $"{E}/grades.csv", null, 401 },
        { "POST", $"{E}/release", null, 401 },
        // Nothing there at all.
        { "GET", "/api/v1/courses/nope/exams", "s001", 404 },
        { "GET", "/api/v1/submissions/999999", "prof", 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_Refuses_WithTheContractsStatus(string method, string route, string? caller, int expected)
    {
        Assert.NotEqual(0, web.Request);
        var url = route.Replace("{s}", web.Submission.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{r}", web.Request.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET") request.Content = JsonContent.Create(new { problem = "beam-search", part = "a", answer = "1", answers = new { }, reason = "r", score = 0, accept = true, response = "r", apply = false, scores = true, feedback = true, reference_answers = true, reports = true });
        request.Headers.Add("Idempotency-Key", "matrix-probe");
        var response = await web.As(caller).SendAsync(request);
        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_StoreNothing()
    {
        await using var db = web.Db();
        Assert.Equal(1, db.Submissions.Count());
        Assert.Equal(0, db.ScoreChanges.Count());
        Assert.Equal(1, db.RegradeRequests.Count());
        await Task.CompletedTask;
    }
}
