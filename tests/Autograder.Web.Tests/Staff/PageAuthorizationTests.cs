using System.Net;
using Autograder.Web.Tests.Support;

namespace Autograder.Web.Tests.Staff;

/// <summary>Every staff and instructor page and route, as each caller who must not get through.</summary>
public sealed class PageAuthorizationTests(StaffFixture web) : IClassFixture<StaffFixture>
{
    private const string C = $"/staff/courses/{WebFactory.Course}";
    private const string I = $"/instructor/courses/{WebFactory.Course}";
    private const string A = $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}";

    private static readonly string[] StaffPages =
        [C, $"{C}/exams/{WebFactory.ExamId}", $"{C}/regrade-requests", "/staff/submissions/{s}/weight-decay-equivalence/derivation",
            $"{C}/exams/{WebFactory.ExamId}/groups/weight-decay-equivalence/derivation", $"{C}/exams/{WebFactory.ExamId}/rubric/weight-decay-equivalence/derivation"];

    private static readonly string[] InstructorPages =
        [I, $"{I}/publish", $"{I}/exams/{WebFactory.ExamId}", $"{I}/exams/{WebFactory.ExamId}/statistics", $"{A}/grades-canvas.csv", $"{A}/summary.pdf"];

    public static TheoryData<string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, int>();
        foreach (var page in StaffPages.Concat(InstructorPages))
        {
            cases.Add(page, "s001", 403);
            cases.Add(page, "ta9", 404);
        }
        foreach (var page in InstructorPages) cases.Add(page, "ta1", 403);
        cases.Add("/instructor/courses/new", "ta1", 403);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_Refuses_WithTheRightStatus(string page, string caller, int expected)
    {
        var url = page.Replace("{s}", web.Submissions["s001"].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var response = await (await web.BrowserAsync(caller)).GetAsync(url);
        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_LetTheirStaffIn_AndSendTheSignedOutToSignIn()
    {
        foreach (var page in StaffPages)
        {
            var url = page.Replace("{s}", web.Submissions["s001"].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await (await web.BrowserAsync("ta1")).GetAsync(url)).StatusCode);
            var anonymous = await web.As(null).GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        foreach (var page in InstructorPages.Where(p => !p.StartsWith("/api", StringComparison.Ordinal)))
            Assert.Equal(HttpStatusCode.OK, (await (await web.BrowserAsync("prof")).GetAsync(page)).StatusCode);
    }
}
