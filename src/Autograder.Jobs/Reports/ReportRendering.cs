using Autograder.Core.Grading;
using Autograder.Reports.StudentReports;
using Autograder.Reports.Summaries;

namespace Autograder.Jobs.Reports;

/// <summary>The one place where jobs turn results into PDF documents (Autograder.Reports), titled with the course's own title.</summary>
public static class ReportRendering
{
    public static byte[] Student(string course, ExamResult result, CancellationToken ct, IReadOnlyList<Data.Model.RegradeRequest>? requests = null) =>
        StudentReport.Render(result, new StudentReportOptions { Course = course, RegradeRequests = Shown(result.StudentId, requests) }, ct);

    public static byte[] CourseSummary(string course, string examTitle, IReadOnlyList<ExamResult> results, CancellationToken ct,
        IReadOnlyList<(string Student, Data.Model.RegradeRequest Request)>? open = null) =>
        Autograder.Reports.Summaries.CourseSummary.Render(new CourseSummaryInput(course, examTitle, results)
        {
            RegradeRequests = [.. (open ?? []).Select(o => Shown(o.Student, o.Request))],
        }, ct);

    private static IReadOnlyList<RegradeRequest> Shown(string student, IReadOnlyList<Data.Model.RegradeRequest>? requests) =>
        [.. (requests ?? []).Select(r => Shown(student, r))];

    /// <summary>A request as the reports show it: the student's reason, and the TA's answer once there is one.</summary>
    private static RegradeRequest Shown(string student, Data.Model.RegradeRequest r) => new(student, r.ProblemId, r.PartId,
        r.State == Data.Model.RegradeRequestState.Open
            ? r.Reason
            : $"{r.Reason} Answer ({r.State.ToString().ToLowerInvariant()}, {r.ResolvedBy}): {r.Response}",
        r.CreatedAt);
}
