using System.Text.Json.Nodes;
using Autograder.Data.Model;
using Autograder.Jobs.Sittings;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Exams;

public sealed class ExamModel(CourseAccess access, ExamService exams) : PageModel
{
    public string Course { get; private set; } = "";
    public Exam Exam { get; private set; } = null!;
    public StudentClock Clock { get; private set; } = null!;
    public ExamPhase Phase { get; private set; }
    public int AttemptsUsed { get; private set; }
    public bool NeedsStart { get; private set; }
    public IReadOnlyList<ProblemView>? Problems { get; private set; }
    public JsonObject Draft { get; private set; } = [];
    public DateTimeOffset? DraftSavedAt { get; private set; }
    public IReadOnlyList<Submission> Attempts { get; private set; } = [];
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");
    public string? Refused { get; private set; }

    public string? DraftValue(string problem, string part) => Draft[problem]?[part] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Join(", ", a.Select(x => x?.ToString())),
        var node => node.ToJsonString(),
    };

    public async Task<IActionResult> OnGetAsync(string course, string exam, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        // Seeing the questions of an untimed exam is opening it; a timed one starts with the button.
        if (Phase == ExamPhase.Open && Problems is not null && Exam.TimeLimitMinutes is null && Clock.FirstOpenedAt is null)
        {
            await exams.OpenAsync(Exam, User.PersonIdOf()!.Value, ct);
            await LoadAsync(course, exam, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string course, string exam, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        if (NeedsStart && await exams.HasVariantAsync(Exam, User.PersonIdOf()!.Value, ct)) await exams.OpenAsync(Exam, User.PersonIdOf()!.Value, ct);
        return Redirect($"/courses/{course}/exams/{exam}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(string course, string exam, string idempotencyKey, CancellationToken ct)
    {
        if (await LoadAsync(course, exam, ct) is { } refusal) return refusal;
        if (Problems is null) return NotFound();
        var answers = new JsonObject();
        foreach (var problem in Problems)
        {
            var parts = new JsonObject();
            foreach (var part in problem.Parts)
            {
                var values = Request.Form[$"answer:{problem.Id}:{part.Id}"];
                if (values.Count > 0) parts[part.Id] = string.Join(", ", values.Select(v => v ?? ""));
            }
            answers[problem.Id] = parts;
        }
        try
        {
            var result = await exams.SubmitAsync(Exam, User.PersonIdOf()!.Value, User.LoginOf()!, answers, idempotencyKey, ct);
            return Redirect($"/submissions/{result.Id}");
        }
        catch (SubmitRefusedException e)
        {
            Refused = e.Message;
            Draft = answers;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string course, string exam, CancellationToken ct)
    {
        var (found, verdict) = await access.CourseAsync(User, course, CourseLevel.Member, ct);
        if (verdict == Verdict.Forbidden) return Forbid();
        if (verdict != Verdict.Allowed) return NotFound();
        var staff = await access.IsAsync(User, new CourseResource(found!.Id), CourseLevel.Staff);
        if (await exams.FindAsync(found.Id, exam, staff, ct) is not { } e) return NotFound();
        Course = found.Code;
        Exam = e;
        var personId = User.PersonIdOf()!.Value;
        var (clock, sitting, used) = await exams.ClockAsync(e, personId, ct);
        Clock = clock;
        Phase = clock.PhaseAt(DateTimeOffset.UtcNow);
        AttemptsUsed = used;
        Attempts = await exams.AttemptsAsync(e, personId, ct);
        NeedsStart = e.TimeLimitMinutes is not null && sitting?.FirstOpenedAt is null && Phase == ExamPhase.Open;
        Draft = sitting?.Draft ?? [];
        DraftSavedAt = sitting?.DraftSavedAt;
        Problems = Phase == ExamPhase.Upcoming || NeedsStart ? null : await exams.VariantAsync(e, personId, ct);
        return null;
    }
}
