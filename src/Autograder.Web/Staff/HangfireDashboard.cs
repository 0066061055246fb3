using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Hangfire;
using Hangfire.Dashboard;

namespace Autograder.Web.Staff;

/// <summary>The Hangfire dashboard at <c>/hangfire</c>, for instructors of some course only (it shows every course's jobs).</summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static WebApplication MapInstructorDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new InstructorsOnly()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
        return app;
    }

    private sealed class InstructorsOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (http.User.PersonIdOf() is not { } person) return false;
            var access = http.RequestServices.GetRequiredService<CourseAccess>();
            return (await access.MembershipsAsync(person, http.RequestAborted)).Any(m => m.Role == CourseRole.Instructor);
        }
    }
}
