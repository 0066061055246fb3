using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Staff;

/// <summary>The grading home of one exam: per problem and part, what waits for a person, and "next" for each queue.</summary>
public sealed class ExamModel(CourseAccess access, ExamService exams, GradingQueue queue) : PageModel
{
    public Course Course { get; private set; } = null!;
    public Exam Exam { get; private set; } = null!;
    public int Submissions { get; private set; }
    public IReadOnlyList<PartQueue> Parts { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, string exam, string? done, CancellationToken ct)
    {
        var (c, e, refusal) = await access.PageExamAsync(exams, User, course, exam, CourseLevel.Staff, ct);
        if (refusal is not null) return refusal;
        (Course, Exam) = (c!, e!);
        (Submissions, Parts) = await queue.CountsAsync(Exam, ct);
        if (done is not null) Message = $"Nothing more waits in {done}, or the rest is held by other TAs.";
        return Page();
    }

    /// <summary>Claims the next item of one part's queue for the caller and opens it; back here when none is left.</summary>
    public async Task<IActionResult> OnGetNextAsync(string course, string exam, string problem, string part, string kind, long? skip, CancellationToken ct)
    {
        var (_, e, refusal) = await access.PageExamAsync(exams, User, course, exam, CourseLevel.Staff, ct);
        if (refusal is not null) return refusal;
        if (StaffPages.Kind(kind) is not { } k) return BadRequest("kind must be manual, regrade, format-error or limit");
        if (skip is { } skipped) await queue.ReleaseAsync(skipped, problem, part, ct);
        var next = await queue.NextAsync(e!.Id, problem, part, k, User.LoginOf()!, skip, ct);
        return next is null
            ? Redirect($"/staff/courses/{course}/exams/{exam}?done={Uri.EscapeDataString($"{problem} ({part}), {StaffPages.Label(k)}")}")
            : Redirect(StaffPages.GradeUrl(next.SubmissionId, problem, part, k));
    }
}
