using System.Globalization;
using System.Security.Claims;
using Autograder.Data.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autograder.Web.Accounts;

/// <summary>The caller as every page and route sees them: the person (id and login) behind a cookie or a token.</summary>
public static class WebClaims
{
    public const string PersonId = "autograder:person";
    public const string Login = "autograder:login";

    public static long? PersonIdOf(this ClaimsPrincipal user) =>
        user.FindFirst(PersonId)?.Value is { } v && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? LoginOf(this ClaimsPrincipal user) => user.FindFirst(Login)?.Value;

    public static IEnumerable<Claim> For(long personId, string login) =>
        [new(PersonId, personId.ToString(CultureInfo.InvariantCulture)), new(Login, login), new(ClaimTypes.Name, login)];
}

/// <summary>Cookie sign-ins carry the person's id and login, like tokens do.</summary>
internal sealed class WebClaimsFactory(UserManager<WebUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WebUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WebUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(WebClaims.For(user.PersonId, user.UserName!).Where(c => c.Type != ClaimTypes.Name));
        return identity;
    }
}

/// <summary>Password rules beyond length: not the login, not the name, not one repeated character.</summary>
internal sealed class PasswordRules : IPasswordValidator<WebUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<WebUser> manager, WebUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordEmpty", Description = "Choose a password." }));
        var lower = password.ToLowerInvariant();
        if (user.UserName is { Length: > 0 } login && lower.Contains(login.ToLowerInvariant(), StringComparison.Ordinal))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordHasLogin", Description = "The password must not contain your login." }));
        return Task.FromResult(IdentityResult.Success);
    }
}
