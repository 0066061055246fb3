using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Pages.Staff;

public sealed record RegradeRow(RegradeRequest Request, string Student, string ExamId, string ExamTitle, string PartId);

/// <summary>The course's regrade requests, open ones first and oldest first; each opens beside its part.</summary>
public sealed class RegradesModel(CourseAccess access, IDbContextFactory<AutograderDb> dbs, Core.Bank.ProblemBank bank) : PageModel
{
    public Course Course { get; private set; } = null!;
    public IReadOnlyList<RegradeRow> Rows { get; private set; } = [];
    public bool All { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, bool all, CancellationToken ct)
    {
        var (found, refusal) = await access.PageCourseAsync(User, course, CourseLevel.Staff, ct);
        if (refusal is not null) return refusal;
        (Course, All) = (found!, all);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.RegradeRequests.AsNoTracking().Where(r => r.Submission!.CourseId == Course.Id && (all || r.State == RegradeRequestState.Open))
            .Select(r => new { r, r.Submission!.Person!.Login, r.Submission.Exam!.BankExamId, r.Submission.Exam.Title })
            .ToListAsync(ct);
        Rows = [.. rows.OrderBy(x => x.r.State != RegradeRequestState.Open).ThenBy(x => x.r.CreatedAt).ThenBy(x => x.r.Id)
            .Select(x => new RegradeRow(x.r, x.Login, x.BankExamId, x.Title, x.r.PartId ?? bank.Problem(x.r.ProblemId).Parts[0].Id))];
        return Page();
    }
}
