using System.Globalization;
using System.Text;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Hosting;
using Autograder.Web.Staff;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Autograder.Web.Pages.Instructor;

/// <summary>A course's settings: the roster (uploaded CSV, previewed until clean), its TAs, the one-time sign-in links and its exams.</summary>
public sealed class CourseModel(CourseAccess access, CourseService courses, ExamService exams, AccountService accounts, IOptions<WebSettings> settings) : PageModel
{
    public Course Course { get; private set; } = null!;
    public IReadOnlyList<ExamListItem> Exams { get; private set; } = [];
    public RosterPreview? Preview { get; private set; }
    public string? RosterText { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, string? done, CancellationToken ct)
    {
        if (await LoadAsync(course, ct) is { } refusal) return refusal;
        Message = done;
        return Page();
    }

    /// <summary>Reads the uploaded file and shows every row and every problem; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string course, IFormFile? roster, CancellationToken ct)
    {
        if (await LoadAsync(course, ct) is { } refusal) return refusal;
        if (roster is null || roster.Length == 0)
        {
            Error = "roster: choose a CSV file with the columns id, name, email.";
            return Page();
        }
        using var reader = new StreamReader(roster.OpenReadStream(), Encoding.UTF8);
        RosterText = await reader.ReadToEndAsync(ct);
        Preview = RosterUpload.Read(RosterText);
        return Page();
    }

    /// <summary>Stores the previewed roster, read again from the same text: only a clean one is stored.</summary>
    public async Task<IActionResult> OnPostImportAsync(string course, string? rosterText, CancellationToken ct)
    {
        if (await LoadAsync(course, ct) is { } refusal) return refusal;
        Preview = RosterUpload.Read(rosterText ?? "");
        RosterText = rosterText;
        if (!Preview.Clean)
        {
            Error = "The roster still has problems; nothing was stored.";
            return Page();
        }
        var (added, known) = await courses.ImportRosterAsync(Course.Code, Preview.Students, CourseRole.Student, ct);
        await accounts.EnsureAccountsAsync(Course.Id, ct);
        return Redirect($"/instructor/courses/{Course.Code}?done={Uri.EscapeDataString($"Roster imported: {added} students added, {known} already enrolled.")}");
    }

    public async Task<IActionResult> OnPostTaAsync(string course, string? login, string? name, string? email, CancellationToken ct)
    {
        if (await LoadAsync(course, ct) is { } refusal) return refusal;
        var check = RosterUpload.Read($"id,name,email\n{Csv(login)},{Csv(name)},{Csv(email)}\n");
        if (!check.Clean)
        {
            Error = string.Join("; ", check.Problems.Select(p => $"{(p.Field == "id" ? "login" : p.Field)}: {p.Message}"));
            return Page();
        }
        await courses.ImportRosterAsync(Course.Code, check.Students, CourseRole.Ta, ct);
        await accounts.EnsureAccountsAsync(Course.Id, ct);
        return Redirect($"/instructor/courses/{Course.Code}?done={Uri.EscapeDataString($"{login} is a TA of {Course.Code}.")}");
    }

    /// <summary>A CSV of fresh one-time links for every account without a password (older links stop working); shown only in this file.</summary>
    public async Task<IActionResult> OnPostLinksAsync(string course, CancellationToken ct)
    {
        if (await LoadAsync(course, ct) is { } refusal) return refusal;
        var baseUrl = settings.Value.PublicUrl ?? $"{Request.Scheme}://{Request.Host}";
        var rows = await accounts.IssueLinksAsync(Course.Id, baseUrl, ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true))
        {
            foreach (var h in new[] { "login", "name", "state", "expires_at", "link" }) csv.WriteField(h);
            await csv.NextRecordAsync();
            foreach (var r in rows)
            {
                foreach (var f in new[] { r.Login, r.Name, r.State, r.ExpiresAt?.ToString("o", CultureInfo.InvariantCulture) ?? "", r.Url ?? "" }) csv.WriteField(f);
                await csv.NextRecordAsync();
            }
        }
        return File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"{Course.Code}-sign-in-links.csv");
    }

    private static string Csv(string? field) => $"\"{(field ?? "").Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private async Task<IActionResult?> LoadAsync(string course, CancellationToken ct)
    {
        var (found, refusal) = await access.PageCourseAsync(User, course, CourseLevel.Instructor, ct);
        if (refusal is not null) return refusal;
        Course = found!;
        Exams = await exams.ListAsync(Course.Id, User.PersonIdOf()!.Value, staff: true, ct);
        return null;
    }
}
