using System.Globalization;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Autograder.Jobs.Regrading;
using Autograder.Web.Access;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Instructor;

/// <summary>One exam for its instructor: publication progress, accommodations, releases, regrade preview and apply, grade exports.</summary>
public sealed class ExamModel(CourseAccess access, ExamService exams, ExamAdmin admin, RegradeJob regrade) : PageModel
{
    public Course Course { get; private set; } = null!;
    public Exam Exam { get; private set; } = null!;
    public PublishProgress Progress { get; private set; } = null!;
    public IReadOnlyList<AccommodationRow> Accommodations { get; private set; } = [];
    public RegradeOutcome? Preview { get; private set; }
    public string? PreviewProblem { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, string exam, string? done, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        Message = done;
        return Page();
    }

    /// <summary>The progress bar alone, polled while the variants are stored.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string course, string exam, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        if (Progress.Published) Response.Headers["HX-Refresh"] = "true";
        return Partial("_PublishProgress", Progress);
    }

    public async Task<IActionResult> OnPostReleaseAsync(string course, string exam, bool scores, bool feedback, bool referenceAnswers, bool reports, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        var r = await admin.ReleaseAsync(Exam, new ExamRelease { Scores = scores, Feedback = feedback, ReferenceAnswers = referenceAnswers, Reports = reports }, ct);
        var shown = new[] { ("scores", r.Scores), ("feedback", r.Feedback), ("reference answers", r.ReferenceAnswers), ("reports", r.Reports) }.Where(x => x.Item2).Select(x => x.Item1).ToList();
        return Done(shown.Count == 0 ? "Students now see nothing of their grades." : $"Students now see: {string.Join(", ", shown)}.");
    }

    public async Task<IActionResult> OnPostAccommodationAsync(string course, string exam, string? student, int? extraTime, DateTime? opensAt, DateTime? closesAt, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        try
        {
            await admin.SetAccommodationAsync(Exam, student ?? "", extraTime ?? 0, Utc(opensAt), Utc(closesAt), ct);
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            return Page();
        }
        return Done($"Accommodation of {student} saved.");
    }

    /// <summary>Every score a regrade would change, stored nowhere; the apply button sends the same problem back.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string course, string exam, string? problem, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        PreviewProblem = string.IsNullOrWhiteSpace(problem) ? null : problem;
        try
        {
            Preview = await regrade.RegradeAsync(Exam.Id, PreviewProblem, apply: false, null, null, ct);
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string course, string exam, string? problem, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        var outcome = await regrade.RegradeAsync(Exam.Id, string.IsNullOrWhiteSpace(problem) ? null : problem, apply: true, null, null, ct);
        return Done($"Regraded {outcome.Submissions} submissions: {outcome.Changes.Count} scores changed; TA grades and overrides were kept.");
    }

    private RedirectResult Done(string message) =>
        Redirect($"/instructor/courses/{Course.Code}/exams/{Exam.BankExamId}?done={Uri.EscapeDataString(message)}");

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    public static string Local(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";

    private async Task<IActionResult?> LoadAsync(string course, string exam, CancellationToken ct)
    {
        var (c, e, refusal) = await access.PageExamAsync(exams, User, course, exam, CourseLevel.Instructor, ct);
        if (refusal is not null) return refusal;
        (Course, Exam) = (c!, e!);
        Progress = await admin.ProgressAsync(Exam, ct);
        Accommodations = await admin.AccommodationsAsync(Exam, ct);
        return null;
    }
}
