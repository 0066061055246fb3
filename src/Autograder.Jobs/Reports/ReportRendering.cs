using Autograder.Reports.StudentReports;
using Autograder.Reports.Summaries;
using Autograder.Solvers.Grading;

namespace Autograder.Jobs.Reports;

/// <summary>The one place where jobs turn results into PDF documents (Autograder.Reports).</summary>
public static class ReportRendering
{
    public const string CourseName = "Deep Neural Networks";

    public static byte[] Student(ExamResult result, CancellationToken ct) =>
        StudentReport.Render(result, new StudentReportOptions { Course = CourseName }, ct);

    public static byte[] CourseSummary(string examTitle, IReadOnlyList<ExamResult> results, CancellationToken ct) =>
        Autograder.Reports.Summaries.CourseSummary.Render(new CourseSummaryInput(CourseName, examTitle, results), ct);
}
