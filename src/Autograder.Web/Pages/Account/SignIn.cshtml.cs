using System.Globalization;
using Autograder.Data.Model;
using Autograder.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Account;

public sealed class SignInModel(SignInManager<WebUser> signIn, SignInLimiter limiter) : PageModel
{
    [BindProperty] public string? Login { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (limiter.TryAcquire(HttpContext) is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            Error = "Too many sign-in attempts from here. Wait a minute and try again.";
            return StatusPage(StatusCodes.Status429TooManyRequests);
        }
        if (string.IsNullOrWhiteSpace(Login) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your login and your password.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Login.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Error = result.IsLockedOut
            ? "This account is locked for a while after too many wrong passwords. Try again in 15 minutes."
            : "The login or the password is wrong.";
        return Page();
    }

    private PageResult StatusPage(int status)
    {
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
