using Autograder.Data.Model;
using Autograder.Web.Access;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages.Instructor;

/// <summary>An exam's statistics: histogram, item analysis as a plot and a table, common wrong answers, waiting parts, copying signals.</summary>
public sealed class StatisticsModel(CourseAccess access, ExamService exams, CourseStatistics statistics, GradingQueue queue) : PageModel
{
    public Course Course { get; private set; } = null!;
    public Exam Exam { get; private set; } = null!;
    public ExamStatistics Stats { get; private set; } = null!;
    public IReadOnlyList<PartQueue> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string course, string exam, CancellationToken ct)
    {
        var (c, e, refusal) = await access.PageExamAsync(exams, User, course, exam, CourseLevel.Instructor, ct);
        if (refusal is not null) return refusal;
        (Course, Exam) = (c!, e!);
        Stats = await statistics.ComputeAsync(Exam, ct);
        Waiting = [.. (await queue.CountsAsync(Exam, ct)).Parts.Where(p => p.Manual + p.Regrades + p.FormatErrors + p.Limits > 0)];
        return Page();
    }
}
