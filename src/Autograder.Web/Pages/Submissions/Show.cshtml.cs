using Autograder.Core.Inputs;
using Autograder.Jobs.Regrading;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Submissions;

public sealed class ShowModel(CourseAccess access, ExamService exams, RegradeRequests requests) : PageModel
{
    public SubmissionView View { get; private set; } = null!;
    public bool Own { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>The state line alone, for the page's polling; once graded it asks the browser to reload the whole page.</summary>
    public async Task<IActionResult> OnGetStateAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal) return refusal;
        if (View.Graded) Response.Headers["HX-Refresh"] = "true";
        return Partial("_SubmissionState", View);
    }

    public async Task<IActionResult> OnPostRegradeAsync(long id, string? target, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal) return refusal;
        if (!Own) return Forbid();
        var (problem, part) = target?.Split(':', 2) is [var p, var q] ? (p, q) : (null, null);
        if (problem is null || string.IsNullOrWhiteSpace(reason))
        {
            Error = "Choose a part and say why it should be looked at again.";
            return Page();
        }
        try
        {
            await requests.FileAsync(id, problem, part, reason, ct);
        }
        catch (BadInputException e)
        {
            Error = e.Reason;
            return Page();
        }
        return Redirect($"/submissions/{id}?filed=1");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (await exams.OwnerAsync(id, ct) is not { } owner) return NotFound();
        if (await access.OwnedAsync(User, new CourseResource(owner.CourseId, owner.PersonId), CourseLevel.Member) != Verdict.Allowed) return NotFound();
        var staff = await access.IsAsync(User, new CourseResource(owner.CourseId), CourseLevel.Staff);
        View = (await exams.SubmissionAsync(id, staff, ct))!;
        Own = owner.PersonId == User.PersonIdOf();
        if (Request.Query.ContainsKey("filed")) Message = "Your regrade request was sent. Its answer appears here.";
        return null;
    }
}
