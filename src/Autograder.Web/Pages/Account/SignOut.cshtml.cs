using Autograder.Data.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<WebUser> signIn, UserManager<WebUser> users) : PageModel
{
    public bool Everywhere { get; private set; }

    public IActionResult OnGet() => Redirect("/");

    /// <summary>Everywhere: a new security stamp, so every other browser's cookie fails its next check.</summary>
    public async Task<IActionResult> OnPostAsync(bool everywhere)
    {
        if (everywhere && await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        Everywhere = everywhere;
        return Page();
    }
}
