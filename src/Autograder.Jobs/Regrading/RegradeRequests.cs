using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Reports;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Regrading;

/// <summary>
/// A student asks for a part or problem to be looked at again; a TA answers (a changed score goes through
/// <c>ta grade</c>). Open requests show in the student's report and in the course summary.
/// </summary>
public sealed class RegradeRequests(IDbContextFactory<AutograderDb> dbs, IBackgroundJobClient jobs)
{
    public async Task<RegradeRequest> FileAsync(long submissionId, string problemId, string? partId, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new BadInputException("reason", "is required: say what should be looked at again");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var submission = await db.Submissions.Include(s => s.Person).Include(s => s.Result).SingleOrDefaultAsync(s => s.Id == submissionId, ct)
            ?? throw new BadInputException("submission", $"no submission {submissionId}");
        if (submission.Result is not { } graded) throw new BadInputException("submission", $"submission {submissionId} is not graded yet");
        var problem = ExamResult.FromJson(graded.Document).Problems.SingleOrDefault(p => p.ProblemId == problemId)
            ?? throw new BadInputException("problem", $"submission {submissionId} has no problem '{problemId}'");
        if (partId is not null && problem.Parts.All(p => p.PartId != partId))
            throw new BadInputException("part", $"problem '{problemId}' has no part '{partId}' (parts: {string.Join(", ", problem.Parts.Select(p => p.PartId))})");
        var request = new RegradeRequest
        {
            SubmissionId = submissionId,
            ProblemId = problemId,
            PartId = partId,
            RequestedBy = submission.Person!.Login,
            Reason = reason,
            State = RegradeRequestState.Open,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.RegradeRequests.Add(request);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunAsync(submissionId, null, CancellationToken.None));
        return request;
    }

    public async Task<IReadOnlyList<RegradeRequest>> ListAsync(string courseCode, bool openOnly, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.RegradeRequests.AsNoTracking().Include(r => r.Submission)
            .Where(r => r.Submission!.Exam!.Course!.Code == courseCode && (!openOnly || r.State == RegradeRequestState.Open))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
    }

    public async Task<RegradeRequest> AnswerAsync(long requestId, bool accepted, string by, string response, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(response)) throw new BadInputException("response", "is required: the answer the student reads");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var request = await db.RegradeRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new BadInputException("request", $"no regrade request {requestId}");
        if (request.State != RegradeRequestState.Open) throw new BadInputException("request", $"regrade request {requestId} was already answered ({request.State.ToString().ToLowerInvariant()})");
        request.State = accepted ? RegradeRequestState.Accepted : RegradeRequestState.Rejected;
        request.ResolvedBy = by;
        request.ResolvedAt = DateTimeOffset.UtcNow;
        request.Response = response;
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunAsync(request.SubmissionId, null, CancellationToken.None));
        return request;
    }
}
