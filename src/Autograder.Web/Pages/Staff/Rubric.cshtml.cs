using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Staff;

/// <summary>A part's rubric in this exam: an item's points changed after grading, with the count of moved scores shown before saving.</summary>
public sealed class RubricModel(CourseAccess access, ExamService exams, RubricEditor editor, ProblemBank bank) : PageModel
{
    public Course Course { get; private set; } = null!;
    public Exam Exam { get; private set; } = null!;
    public ProblemDefinition Problem { get; private set; } = null!;
    public string PartId { get; private set; } = "";
    public IReadOnlyList<RubricItemView> Items { get; private set; } = [];
    public (string Item, double Points, IReadOnlyList<RubricEffect> Effects)? Preview { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, string exam, string problem, string part, string? done, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, problem, part, ct) is { } refusal) return refusal;
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string course, string exam, string problem, string part, string item, double? points, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, problem, part, ct) is { } refusal) return refusal;
        try
        {
            if (points is null) throw new BadInputException("points", "is required: the item's new points (in the problem's points, negative for a deduction)");
            Preview = (item, points.Value, await editor.PreviewAsync(Exam, problem, part, item, points.Value, ct));
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string course, string exam, string problem, string part, string item, double points, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, problem, part, ct) is { } refusal) return refusal;
        var n = await editor.ApplyAsync(Exam, problem, part, item, points, User.LoginOf()!, ct);
        return Redirect($"/staff/courses/{course}/exams/{exam}/rubric/{Uri.EscapeDataString(problem)}/{Uri.EscapeDataString(part)}?done={Uri.EscapeDataString($"'{item}' is now worth {points:0.##}; {n} score{(n == 1 ? "" : "s")} changed, each in the audit trail.")}");
    }

    private async Task<IActionResult?> LoadAsync(string course, string exam, string problem, string part, CancellationToken ct)
    {
        var (c, e, refusal) = await access.PageExamAsync(exams, User, course, exam, CourseLevel.Staff, ct);
        if (refusal is not null) return refusal;
        (Course, Exam) = (c!, e!);
        if (!bank.Exam(Exam.BankExamId).Problems.Any(p => p.ProblemId == problem) || bank.Problem(problem).Part(part) is null) return NotFound();
        (Problem, PartId) = (bank.Problem(problem), part);
        Items = await editor.ItemsAsync(Exam, problem, part, ct);
        return null;
    }
}
