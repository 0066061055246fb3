using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Staff;

/// <summary>The answer groups of one part, largest first: each graded once with the part's rubric, for all its answers now and later.</summary>
public sealed class GroupsModel(CourseAccess access, ExamService exams, AnswerGroups groups, PartGrading grading, ProblemBank bank) : PageModel
{
    public Course Course { get; private set; } = null!;
    public Exam Exam { get; private set; } = null!;
    public ProblemDefinition Problem { get; private set; } = null!;
    public PartDefinition Part { get; private set; } = null!;
    public IReadOnlyList<AnswerGroup> Groups { get; private set; } = [];
    public PartSheet? Sample { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, string exam, string problem, string part, string? done, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, problem, part, ct) is { } refusal) return refusal;
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string course, string exam, string problem, string part, string key, string[]? items, double? adjustment, double? score,
        string? comment, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, problem, part, ct) is { } refusal) return refusal;
        var group = Groups.FirstOrDefault(g => g.Key == key);
        // The rubric and points are the part's: any graded answer's sheet serves, this group's own when it has one.
        var sheet = group?.Graded.FirstOrDefault() is long member and > 0 ? await grading.SheetAsync(member, problem, part, ct) : Sample;
        if (group is null || sheet is null)
        {
            Error = "group: this answer group no longer exists; the page shows the groups as they are now.";
            return Page();
        }
        var input = new PartGradeInput(items ?? [], adjustment ?? 0, score, comment, 0);
        try
        {
            var n = await groups.GradeAsync(Exam.Id, problem, part, key, PartGrading.Score(sheet, input), input.Items, comment, User.LoginOf()!, ct);
            return Redirect($"/staff/courses/{course}/exams/{exam}/groups/{Uri.EscapeDataString(problem)}/{Uri.EscapeDataString(part)}?done={Uri.EscapeDataString($"Graded {n} answer{(n == 1 ? "" : "s")} of the group; later ones that fall into it get the same grade.")}");
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string course, string exam, string problem, string part, CancellationToken ct)
    {
        var (c, e, refusal) = await access.PageExamAsync(exams, User, course, exam, CourseLevel.Staff, ct);
        if (refusal is not null) return refusal;
        (Course, Exam) = (c!, e!);
        if (!bank.Exam(Exam.BankExamId).Problems.Any(p => p.ProblemId == problem) || bank.Problem(problem).Part(part) is not { } definition) return NotFound();
        (Problem, Part) = (bank.Problem(problem), definition);
        Groups = await groups.ListAsync(Exam.Id, problem, part, ct);
        Sample = Groups.SelectMany(g => g.Graded).FirstOrDefault() is long first and > 0 ? await grading.SheetAsync(first, problem, part, ct) : null;
        return null;
    }
}
