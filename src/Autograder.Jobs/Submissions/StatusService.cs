using Autograder.Data;
using Autograder.Data.Model;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Submissions;

public sealed record QueueDepth(string Queue, long Enqueued, long Fetched);

public sealed record ServiceStatus(
    IReadOnlyList<QueueDepth> Queues,
    long Processing,
    long Scheduled,
    long Failed,
    int Servers,
    IReadOnlyDictionary<SubmissionState, int> Submissions,
    int WaitingForJob);

public sealed record SubmissionRow(long Id, string Student, string Exam, int Attempt, SubmissionState State, double? Score, double? Max,
    DateTimeOffset SubmittedAt, DateTimeOffset? GradedAt, DateTimeOffset? ReportedAt, string? Error);

/// <summary>Queue depths from Hangfire, and per-submission state and what waits for a grade job from the course database.</summary>
public sealed class StatusService(IDbContextFactory<AutograderDb> dbs, JobStorage storage)
{
    public async Task<ServiceStatus> OverviewAsync(long? courseId, CancellationToken ct)
    {
        var monitor = storage.GetMonitoringApi();
        var queues = Hosting.Queues.All.Select(q => new QueueDepth(q, monitor.EnqueuedCount(q), monitor.FetchedCount(q))).ToList();
        var stats = monitor.GetStatistics();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Submissions.AsNoTracking();
        if (courseId is { } id) query = query.Where(s => s.CourseId == id);
        var states = await query.GroupBy(s => s.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Stored, and not yet given a grade job by a worker's dispatcher (none running, or a burst just in).
        var waiting = await query.CountAsync(s => s.DispatchedAt == null, ct);
        return new ServiceStatus(queues, stats.Processing, stats.Scheduled, stats.Failed, (int)stats.Servers, states, waiting);
    }

    public async Task<IReadOnlyList<SubmissionRow>> SubmissionsAsync(long courseId, string? examId, int limit, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Submissions.AsNoTracking().Where(s => s.CourseId == courseId);
        if (examId is not null) query = query.Where(s => s.Exam!.BankExamId == examId);
        return await query.OrderByDescending(s => s.Id).Take(limit)
            .Select(s => new SubmissionRow(s.Id, s.Person!.Login, s.Exam!.BankExamId, s.Attempt, s.State,
                s.Result != null ? s.Result.Score : null, s.Result != null ? s.Result.Max : null, s.SubmittedAt, s.GradedAt, s.ReportedAt, s.Error))
            .ToListAsync(ct);
    }
}
