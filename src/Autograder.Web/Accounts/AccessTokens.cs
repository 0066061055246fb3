using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autograder.Web.Accounts;

/// <summary>Personal access tokens: shown once, stored as a SHA-256 hash, acting with exactly their owner's roles.</summary>
public static class AccessTokens
{
    public const string Scheme = "Bearer";
    private const string Prefix = "agt_";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token for <paramref name="login"/> and returns it; only its hash is kept.</summary>
    public static async Task<string> CreateAsync(AutograderDb db, string login, string name, int? expiresInDays, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadInputException("--name", "is empty");
        if (expiresInDays is < 1) throw new BadInputException("--expires", "must be at least 1 day");
        var person = await db.People.SingleOrDefaultAsync(p => p.Login == login, ct)
            ?? throw new BadInputException("--login", $"nobody has the login '{login}'");
        if (await db.AccessTokens.AnyAsync(t => t.PersonId == person.Id && t.Name == name, ct))
            throw new BadInputException("--name", $"'{login}' already has a token named '{name}' (revoke it first)");
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        db.AccessTokens.Add(new PersonalAccessToken
        {
            PersonId = person.Id,
            Name = name,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public static async Task<bool> RevokeAsync(AutograderDb db, string login, string name, CancellationToken ct) =>
        await db.AccessTokens.Where(t => t.Person!.Login == login && t.Name == name).ExecuteDeleteAsync(ct) > 0;

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates <c>Authorization: Bearer agt_…</c> against the stored hashes.</summary>
internal sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<AutograderDb> dbs) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = AccessTokens.Hash(header["Bearer ".Length..].Trim());
        await using var db = await dbs.CreateDbContextAsync(Context.RequestAborted);
        var now = DateTimeOffset.UtcNow;
        var owner = await db.AccessTokens.AsNoTracking().Where(t => t.TokenHash == hash && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Select(t => new { t.PersonId, t.Person!.Login }).SingleOrDefaultAsync(Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        var identity = new ClaimsIdentity(WebClaims.For(owner.PersonId, owner.Login), AccessTokens.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AccessTokens.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
