using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Instructor;

/// <summary>Publishing an exam of the bank: the exam, its seed, window, time limit and attempts; the variants are then stored by a job.</summary>
public sealed class PublishModel(CourseAccess access, ProblemBank bank, ExamAdmin admin) : PageModel
{
    public Course Course { get; private set; } = null!;
    public IReadOnlyList<ExamDefinition> BankExams => [.. bank.Exams.Values.OrderBy(e => e.Id, StringComparer.Ordinal)];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, CancellationToken ct)
    {
        var (found, refusal) = await access.PageCourseAsync(User, course, CourseLevel.Instructor, ct);
        if (refusal is not null) return refusal;
        Course = found!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string course, string? exam, long? seed, DateTime? opensAt, DateTime? closesAt, int? timeLimit, int? attempts, CancellationToken ct)
    {
        var (found, refusal) = await access.PageCourseAsync(User, course, CourseLevel.Instructor, ct);
        if (refusal is not null) return refusal;
        Course = found!;
        try
        {
            if (string.IsNullOrWhiteSpace(exam)) throw new BadInputException("exam", "choose an exam of the bank");
            if (seed is null) throw new BadInputException("seed", "is required: a whole number that, with each login, fixes every variant");
            // The form's times are UTC, as the page says.
            var published = await admin.PublishAsync(Course, new PublishRequest(exam, seed.Value, Utc(opensAt), Utc(closesAt), timeLimit, attempts ?? 1), ct);
            return Redirect($"/instructor/courses/{Course.Code}/exams/{published.BankExamId}");
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            return Page();
        }
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
