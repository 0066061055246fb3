using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Instructor;

/// <summary>Publishing an exam of the bank: the exam, its seed, window, time limit, attempts and late policy; the variants are then stored by a job.</summary>
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

    public async Task<IActionResult> OnPostAsync(string course, string? exam, long? seed, DateTime? opensAt, DateTime? closesAt, int? timeLimit, int? attempts,
        string? late, DateTime? lateUntil, double? lateHours, double? latePenalty, string? latePer, CancellationToken ct)
    {
        var (found, refusal) = await access.PageCourseAsync(User, course, CourseLevel.Instructor, ct);
        if (refusal is not null) return refusal;
        Course = found!;
        try
        {
            if (string.IsNullOrWhiteSpace(exam)) throw new BadInputException("exam", "choose an exam of the bank");
            // A value the form could not read (text in a number field) is named, not taken as empty.
            if (Fields.FirstOrDefault(f => ModelState.GetFieldValidationState(f.Form) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid) is { Form: not null } bad)
                throw new BadInputException(bad.Field, bad.Message);
            if (seed is null) throw new BadInputException("seed", "is required: a whole number that, with each login, fixes every variant");
            var lateInput = late switch
            {
                null or "" or "none" => null,
                "accept" => new Jobs.Sittings.LatePolicyInput(Utc(lateUntil), lateHours, latePenalty, latePer switch
                {
                    null or "" or "day" => true,
                    "once" => false,
                    _ => throw new BadInputException("late_per", "must be day or once"),
                }),
                _ => throw new BadInputException("late", "must be none or accept"),
            };
            // The form's times are UTC, as the page says.
            var published = await admin.PublishAsync(Course, new PublishRequest(exam, seed.Value, Utc(opensAt), Utc(closesAt), timeLimit, attempts ?? 1) { Late = lateInput }, ct);
            return Redirect($"/instructor/courses/{Course.Code}/exams/{published.BankExamId}");
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
    }

    private static readonly (string Form, string Field, string Message)[] Fields =
    [
        ("seed", "seed", "must be a whole number"), ("attempts", "attempts", "must be a whole number"), ("timeLimit", "time_limit", "must be a whole number of minutes"),
        ("opensAt", "opens_at", "must be a date and time"), ("closesAt", "closes_at", "must be a date and time"), ("lateUntil", "late_until", "must be a date and time"),
        ("lateHours", "late_hours", "must be a number of hours"), ("latePenalty", "late_penalty", "must be a percent between 0 and 100"),
    ];

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
