using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Pages.Instructor;

/// <summary>A new course, by an instructor of some course (the first instructor comes from the command line); its creator is its instructor.</summary>
public sealed class NewCourseModel(CourseAccess access, CourseService courses, IDbContextFactory<AutograderDb> dbs) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await InstructorAsync(ct) ? Page() : StaffPages.Forbidden;

    public async Task<IActionResult> OnPostAsync(string? code, string? title, CancellationToken ct)
    {
        if (!await InstructorAsync(ct)) return StaffPages.Forbidden;
        try
        {
            if (string.IsNullOrWhiteSpace(code) || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new BadInputException("code", "is required: letters, digits, - and _ only (it appears in every address of the course)");
            if (string.IsNullOrWhiteSpace(title)) throw new BadInputException("title", "is required");
            var course = await courses.CreateAsync(code, title.Trim(), ct);
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.Enrollments.Add(new Enrollment { CourseId = course.Id, PersonId = User.PersonIdOf()!.Value, Role = CourseRole.Instructor, EnrolledAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
            return Redirect($"/instructor/courses/{course.Code}");
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Reason}";
            return Page();
        }
    }

    private async Task<bool> InstructorAsync(CancellationToken ct) =>
        (await access.MembershipsAsync(User.PersonIdOf()!.Value, ct)).Any(m => m.Role == CourseRole.Instructor);
}
