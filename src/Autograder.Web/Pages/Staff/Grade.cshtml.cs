using Autograder.Core.Grading;
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

/// <summary>
/// Grading one part of one submission: the answer beside the variant and reference, the rubric, the part's history and
/// its regrade requests. Saving carries the version the TA saw; a grade saved by someone else meanwhile is shown, not overwritten.
/// </summary>
public sealed class GradeModel(CourseAccess access, ExamService exams, PartGrading grading, GradingQueue queue) : PageModel
{
    public PartSheet Sheet { get; private set; } = null!;
    public WorkKind? Kind { get; private set; }
    public GradingClaim? HeldBy { get; private set; }
    public ScoreChange? Conflict { get; private set; }
    public PartGradeInput? Posted { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public IReadOnlyList<string> CheckedItems => Posted?.Items ?? Sheet.Part.Manual?.CheckedItems ?? [];
    public double Adjustment => Posted?.Adjustment
        ?? (Sheet.Part.Manual is { } m ? ExamResult.Round(m.Score - Sheet.Rubric.Where(r => m.CheckedItems.Contains(r.Id)).Sum(r => r.Points)) : 0);
    public double Score => Posted?.Score ?? Sheet.Part.Score;
    public string? Comment => Posted is not null ? Posted.Comment : Sheet.Part.Manual?.Comment;

    public async Task<IActionResult> OnGetAsync(long id, string problem, string part, string? kind, bool saved, CancellationToken ct)
    {
        if (await LoadAsync(id, problem, part, kind, ct) is { } refusal) return refusal;
        var item = new WorkItem(id, Sheet.Student, problem, part, Kind ?? WorkKind.Manual);
        if (!await queue.ClaimAsync(item, User.LoginOf()!, ct)) HeldBy = await queue.HolderAsync(id, problem, part, User.LoginOf()!, ct);
        if (saved) Message = "Saved.";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string problem, string part, string? kind, string[]? items, double? adjustment, double? score,
        string? comment, long version, string? next, CancellationToken ct)
    {
        if (await LoadAsync(id, problem, part, kind, ct) is { } refusal) return refusal;
        Posted = new PartGradeInput(items ?? [], adjustment ?? 0, score, comment, version);
        try
        {
            await grading.SaveAsync(Sheet, Posted, User.LoginOf()!, ct);
        }
        catch (GradeConflictException e)
        {
            return await ConflictAsync(e, id, problem, part, kind, ct);
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            return Page();
        }
        await queue.ReleaseAsync(id, problem, part, ct);
        return await AfterSaveAsync(id, problem, part, next is not null, ct);
    }

    /// <summary>Answers a regrade request of this part: accept saves the grade in the form first; reject keeps the grade.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(long id, string problem, string part, string? kind, long request, string decision,
        string[]? items, double? adjustment, double? score, string? comment, long version, CancellationToken ct)
    {
        if (await LoadAsync(id, problem, part, kind, ct) is { } refusal) return refusal;
        Posted = new PartGradeInput(items ?? [], adjustment ?? 0, score, comment, version);
        try
        {
            await grading.AnswerRequestAsync(Sheet, request, decision == "accept", Request.Form[$"response{request}"].ToString(), Posted, User.LoginOf()!, ct);
        }
        catch (GradeConflictException e)
        {
            return await ConflictAsync(e, id, problem, part, kind, ct);
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            return Page();
        }
        await queue.ReleaseAsync(id, problem, part, ct);
        return await AfterSaveAsync(id, problem, part, Kind == WorkKind.Regrade, ct);
    }

    private async Task<IActionResult> ConflictAsync(GradeConflictException e, long id, string problem, string part, string? kind, CancellationToken ct)
    {
        // The page again with the other grade beside the TA's own, and the new version: saving now replaces theirs on purpose.
        Conflict = e.Current;
        var posted = Posted!;
        await LoadAsync(id, problem, part, kind, ct);
        Posted = posted with { Version = Sheet.Version };
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> AfterSaveAsync(long id, string problem, string part, bool next, CancellationToken ct)
    {
        if (!next || Kind is not { } k) return Redirect(StaffPages.GradeUrl(id, problem, part, Kind) + (Kind is null ? "?" : "&") + "saved=true");
        var exam = await exams.FindAsync(Sheet.CourseId, Sheet.ExamId, staff: true, ct);
        var item = await queue.NextAsync(exam!.Id, problem, part, k, User.LoginOf()!, skip: id, ct);
        return item is null
            ? Redirect($"/staff/courses/{Sheet.CourseCode}/exams/{Sheet.ExamId}?done={Uri.EscapeDataString($"{problem} ({part}), {StaffPages.Label(k)}")}")
            : Redirect(StaffPages.GradeUrl(item.SubmissionId, problem, part, k));
    }

    private async Task<IActionResult?> LoadAsync(long id, string problem, string part, string? kind, CancellationToken ct)
    {
        if (await access.PageSubmissionAsync(exams, User, id, CourseLevel.Staff, ct) is { } refusal) return refusal;
        if (await grading.SheetAsync(id, problem, part, ct) is not { } sheet) return NotFound();
        Sheet = sheet;
        Kind = StaffPages.Kind(kind);
        return null;
    }
}
