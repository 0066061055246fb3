using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Staff;

/// <summary>A course as its TAs and instructor see it: its exams with what waits for grading, and the regrade queue.</summary>
public sealed class CourseModel(CourseAccess access, ExamService exams, GradingQueue queue) : PageModel
{
    public Course Course { get; private set; } = null!;
    public bool Instructor { get; private set; }
    public IReadOnlyList<(Exam Exam, int Waiting)> Exams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string course, CancellationToken ct)
    {
        var (found, refusal) = await access.PageCourseAsync(User, course, CourseLevel.Staff, ct);
        if (refusal is not null) return refusal;
        Course = found!;
        Instructor = await access.IsAsync(User, new CourseResource(Course.Id), CourseLevel.Instructor);
        var rows = new List<(Exam, int)>();
        foreach (var e in await exams.ListAsync(Course.Id, User.PersonIdOf()!.Value, staff: true, ct))
            rows.Add((e.Exam, (await queue.ItemsAsync(e.Exam.Id, ct)).Count));
        Exams = rows;
        return Page();
    }
}
