using Autograder.Reports.StudentReports;
using Autograder.Reports.Summaries;
using Autograder.Solvers.Grading;

namespace Autograder.Jobs.Reports;

/// <summary>The one place where jobs turn results into PDF documents (Autograder.Reports).</summary>
public static class ReportRendering
{
    public const string CourseName = "Deep Neural Networks";

    public static byte[] Student(ExamResult result, CancellationToken ct, IReadOnlyList<Data.Model.RegradeRequest>? requests = null) =>
        StudentReport.Render(result, new StudentReportOptions { Course = CourseName, RegradeRequests = Shown(result.StudentId, requests) }, ct);

    public static byte[] CourseSummary(string examTitle, IReadOnlyList<ExamResult> results, CancellationToken ct,
        IReadOnlyList<(string Student, Data.Model.RegradeRequest Request)>? open = null) =>
        Autograder.Reports.Summaries.CourseSummary.Render(new CourseSummaryInput(CourseName, examTitle, results)
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
