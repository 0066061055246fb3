using System.Security.Claims;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Access;

/// <summary>What a page or route asks of the caller in a course.</summary>
public enum CourseLevel
{
    /// <summary>Any member; a student only for what is their own (when the resource has an owner).</summary>
    Member,
    /// <summary>A TA or the instructor of the course.</summary>
    Staff,
    Instructor,
}

public sealed record CourseRequirement(CourseLevel Level) : IAuthorizationRequirement;

/// <summary>Something in a course, optionally owned by one student (a submission, a sitting).</summary>
public sealed record CourseResource(long CourseId, long? OwnerPersonId = null);

/// <summary>The one authorization rule of the app: by course membership and role, from the enrollments.</summary>
internal sealed class CourseAccessHandler(IDbContextFactory<AutograderDb> dbs) : AuthorizationHandler<CourseRequirement, CourseResource>
{
    // Scoped: one request asks about the same course several times.
    private readonly Dictionary<(long, long), IReadOnlySet<CourseRole>> seen = [];

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CourseRequirement requirement, CourseResource resource)
    {
        if (context.User.PersonIdOf() is not { } person) return;
        var roles = await RolesAsync(person, resource.CourseId);
        var staff = roles.Contains(CourseRole.Ta) || roles.Contains(CourseRole.Instructor);
        var allowed = requirement.Level switch
        {
            CourseLevel.Member => staff || roles.Contains(CourseRole.Student) && (resource.OwnerPersonId is null || resource.OwnerPersonId == person),
            CourseLevel.Staff => staff,
            CourseLevel.Instructor => roles.Contains(CourseRole.Instructor),
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
    }

    private async Task<IReadOnlySet<CourseRole>> RolesAsync(long person, long course)
    {
        if (seen.TryGetValue((person, course), out var roles)) return roles;
        await using var db = await dbs.CreateDbContextAsync();
        roles = (await db.Enrollments.AsNoTracking().Where(e => e.CourseId == course && e.PersonId == person).Select(e => e.Role).ToListAsync()).ToHashSet();
        seen[(person, course)] = roles;
        return roles;
    }
}

public enum Verdict
{
    Allowed,
    /// <summary>401: no caller.</summary>
    SignedOut,
    /// <summary>403: the caller knows it exists but lacks the role.</summary>
    Forbidden,
    /// <summary>404: it does not exist, or the caller may not know it does.</summary>
    NotFound,
}

/// <summary>The checks every page and route makes, through <see cref="CourseAccessHandler"/>.</summary>
public sealed class CourseAccess(IAuthorizationService authorization, IDbContextFactory<AutograderDb> dbs)
{
    public Task<bool> IsAsync(ClaimsPrincipal user, CourseResource resource, CourseLevel level) =>
        authorization.AuthorizeAsync(user, resource, new CourseRequirement(level)).ContinueWith(t => t.Result.Succeeded, TaskScheduler.Default);

    /// <summary>A course by code: 404 when there is none, 403 when the caller lacks <paramref name="level"/> in it.</summary>
    public async Task<(Course? Course, Verdict Verdict)> CourseAsync(ClaimsPrincipal user, string code, CourseLevel level, CancellationToken ct)
    {
        if (user.PersonIdOf() is null) return (null, Verdict.SignedOut);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);
        if (course is null) return (null, Verdict.NotFound);
        return (course, await IsAsync(user, new CourseResource(course.Id), level) ? Verdict.Allowed : Verdict.Forbidden);
    }

    /// <summary>
    /// Something owned by a student of a course: 404 unless the caller may see it (its owner, or staff of the course);
    /// then 403 when seeing is not enough for <paramref name="level"/>.
    /// </summary>
    public async Task<Verdict> OwnedAsync(ClaimsPrincipal user, CourseResource resource, CourseLevel level)
    {
        if (user.PersonIdOf() is null) return Verdict.SignedOut;
        if (!await IsAsync(user, resource, CourseLevel.Member)) return Verdict.NotFound;
        return level == CourseLevel.Member || await IsAsync(user, resource, level) ? Verdict.Allowed : Verdict.Forbidden;
    }

    /// <summary>The caller's roles in every course, for their home page and <c>/api/v1/me</c>.</summary>
    public async Task<IReadOnlyList<(Course Course, CourseRole Role)>> MembershipsAsync(long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId).Include(e => e.Course).ToListAsync(ct);
        return [.. rows.OrderBy(e => e.Course!.Code, StringComparer.Ordinal).ThenByDescending(e => e.Role).Select(e => (e.Course!, e.Role))];
    }
}
