using System.Security.Cryptography;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autograder.Web.Accounts;

public sealed record AccountLinkRow(string Login, string Name, string State, DateTimeOffset? ExpiresAt, string? Url)
{
    /// <summary>Whether the link went out by mail (only when a mail server is configured).</summary>
    public bool Mailed { get; init; }
}

/// <summary>
/// Accounts come from the roster: every enrolled person gets an account without a password and a one-time link
/// that sets it and expires. No mail server is assumed: the instructor lists or exports the links; when
/// <c>Web:Smtp:Host</c> names one, each link is also mailed to the person's roster address.
/// </summary>
public sealed class AccountService(IDbContextFactory<AutograderDb> dbs, UserManager<WebUser> users, IOptions<WebSettings> settings)
{
    /// <summary>Creates the missing accounts of a course's people; returns how many were created.</summary>
    public async Task<int> EnsureAccountsAsync(long courseId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var people = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == courseId).Select(e => e.Person!)
            .Where(p => !db.Users.Any(u => u.PersonId == p.Id)).Distinct().ToListAsync(ct);
        foreach (var person in people)
        {
            var result = await users.CreateAsync(new WebUser { UserName = person.Login, Email = person.Email, PersonId = person.Id, LockoutEnabled = true });
            if (!result.Succeeded) throw new InvalidOperationException($"account for '{person.Login}': {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        return people.Count;
    }

    /// <summary>
    /// Fresh links for the course's accounts that have no password yet (older links of those accounts stop working),
    /// and the state of the others; links are shown only here, once, as only their hashes are kept.
    /// </summary>
    public async Task<IReadOnlyList<AccountLinkRow>> IssueLinksAsync(long courseId, string baseUrl, CancellationToken ct)
    {
        await EnsureAccountsAsync(courseId, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == courseId).Select(e => e.Person!).Distinct()
            .Select(p => new { p.Id, p.Login, p.Name, p.Email, HasPassword = db.Users.Any(u => u.PersonId == p.Id && u.PasswordHash != null) })
            .OrderBy(p => p.Login).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var result = new List<AccountLinkRow>();
        foreach (var row in rows)
        {
            if (row.HasPassword)
            {
                result.Add(new AccountLinkRow(row.Login, row.Name, "active", null, null));
                continue;
            }
            await db.AccountLinks.Where(l => l.PersonId == row.Id && l.UsedAt == null).ExecuteDeleteAsync(ct);
            var token = AccessTokens.Base64Url(RandomNumberGenerator.GetBytes(24));
            var expires = now + settings.Value.AccountLinkLifetime;
            db.AccountLinks.Add(new AccountLink { PersonId = row.Id, TokenHash = AccessTokens.Hash(token), CreatedAt = now, ExpiresAt = expires });
            result.Add(new AccountLinkRow(row.Login, row.Name, "pending", expires, $"{baseUrl.TrimEnd('/')}/account/set-password?token={token}"));
        }
        await db.SaveChangesAsync(ct);
        if (string.IsNullOrWhiteSpace(settings.Value.Smtp.Host)) return result;
        var emails = rows.ToDictionary(r => r.Login, r => r.Email, StringComparer.Ordinal);
        return [.. await Task.WhenAll(result.Select(async row => row.Url is null ? row
            : row with { Mailed = await LinkMail.SendAsync(settings.Value.Smtp, emails[row.Login], row.Name, row.Url, row.ExpiresAt!.Value, ct) }))];
    }

    /// <summary>The login a link sets the password of, when the link is valid.</summary>
    public async Task<string?> LoginForLinkAsync(string token, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var hash = AccessTokens.Hash(token);
        var now = DateTimeOffset.UtcNow;
        return await db.AccountLinks.AsNoTracking().Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .Select(l => l.Person!.Login).SingleOrDefaultAsync(ct);
    }

    /// <summary>Sets the password through a valid link and spends the link; errors are the password rules' messages.</summary>
    public async Task<IReadOnlyList<string>> SetPasswordAsync(string token, string password, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var hash = AccessTokens.Hash(token);
        var now = DateTimeOffset.UtcNow;
        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, ct);
        if (link is null) return ["This link has expired or was already used. Ask your instructor for a new one."];
        var user = await users.Users.SingleAsync(u => u.PersonId == link.PersonId, ct);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded) return [.. check.Errors.Select(e => e.Description)];
        }
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var set = await users.AddPasswordAsync(user, password);
        if (!set.Succeeded) return [.. set.Errors.Select(e => e.Description)];
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        link.UsedAt = now;
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Gives an account a password directly (the demo's printed passwords; operators).</summary>
    public async Task SetPasswordDirectlyAsync(string login, string password, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(login) ?? throw new InvalidOperationException($"no account '{login}'");
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var set = await users.AddPasswordAsync(user, password);
        if (!set.Succeeded) throw new InvalidOperationException(string.Join("; ", set.Errors.Select(e => e.Description)));
        ct.ThrowIfCancellationRequested();
    }
}
