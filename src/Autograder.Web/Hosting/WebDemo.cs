using System.Security.Cryptography;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Demo;
using Autograder.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Hosting;

public sealed record DemoSignIns(string Course, string Password, int Students, int Unsubmitted);

/// <summary>
/// The demo course on the web: the batch demo's class (s001…s200, both exams published, everyone but the first ten
/// submitting), a TA ta1 and an instructor prof, exams open for two weeks with results released, and one printed
/// password for every demo account.
/// </summary>
public static class WebDemo
{
    public const int Unsubmitted = 10;

    public static async Task<DemoSignIns> LoadAsync(IServiceProvider services, int students, Action<string> say, CancellationToken ct)
    {
        var options = new DemoOptions { Students = students, Unsubmitted = Math.Min(Unsubmitted, students), OutputFolder = Path.Combine(Path.GetTempPath(), "autograder-web-demo") };
        await services.GetRequiredService<DemoRunner>().PrepareAsync(options, say, ct);
        var courses = services.GetRequiredService<CourseService>();
        await courses.ImportRosterAsync(options.CourseCode, [new("ta1", "Tess Assistant", "ta1@example.edu")], CourseRole.Ta, ct);
        await courses.ImportRosterAsync(options.CourseCode, [new("prof", "Pat Professor", "prof@example.edu")], CourseRole.Instructor, ct);

        var dbs = services.GetRequiredService<IDbContextFactory<AutograderDb>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var course = await db.Courses.SingleAsync(c => c.Code == options.CourseCode, ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var exam in await db.Exams.Where(e => e.CourseId == course.Id).ToListAsync(ct))
        {
            exam.OpensAt = now.AddHours(-1);
            exam.ClosesAt = now.AddDays(14);
            exam.AttemptsAllowed = exam.BankExamId.Contains("hw", StringComparison.Ordinal) ? 3 : 1;
            exam.Release.Scores = exam.Release.Feedback = exam.Release.Reports = true;
        }
        await db.SaveChangesAsync(ct);

        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureAccountsAsync(course.Id, ct);
        // One password for the whole demo, new at every start and printed; hashed once (the hash does not depend on the account).
        var password = "demo-" + AccessTokens.Base64Url(RandomNumberGenerator.GetBytes(9));
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<WebUser>>().HashPassword(new WebUser(), password);
        var people = db.Enrollments.Where(e => e.CourseId == course.Id).Select(e => e.PersonId);
        await db.Users.Where(u => people.Contains(u.PersonId))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash).SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null), ct);
        return new DemoSignIns(options.CourseCode, password, students, options.Unsubmitted);
    }
}
