using Autograder.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Account;

public sealed class SetPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    public string? Login { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Login = Token is null ? null : await accounts.LoginForLinkAsync(Token, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Login = Token is null ? null : await accounts.LoginForLinkAsync(Token, ct);
        if (Login is null) return Page();
        if (Password != Confirm)
        {
            Errors = ["The two passwords differ."];
            return Page();
        }
        Errors = await accounts.SetPasswordAsync(Token!, Password ?? "", ct);
        Done = Errors.Count == 0;
        return Page();
    }
}
