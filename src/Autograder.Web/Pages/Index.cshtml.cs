using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Api;
using Autograder.Web.Exams;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages;

public sealed record CourseCard(string Code, string Title, string Role, IReadOnlyList<ExamListItem> Exams);

public sealed class IndexModel(CourseAccess access, ExamService exams) : PageModel
{
    public IReadOnlyList<CourseCard> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var personId = User.PersonIdOf()!.Value;
        var cards = new List<CourseCard>();
        foreach (var group in (await access.MembershipsAsync(personId, ct)).GroupBy(m => m.Course.Id))
        {
            var course = group.First().Course;
            var staff = await access.IsAsync(User, new CourseResource(course.Id), CourseLevel.Staff);
            cards.Add(new CourseCard(course.Code, course.Title, string.Join(", ", group.Select(m => StudentApi.Role(m.Role))),
                await exams.ListAsync(course.Id, personId, staff, ct)));
        }
        Courses = cards;
    }
}
