using Autograder.Data;
using Autograder.Data.Model;
using Hangfire.Server;

namespace Autograder.Jobs.Hosting;

/// <summary>Records each run of a job with its phase timestamps: queued, started, finished.</summary>
internal static class JobRuns
{
    public static string WorkerName => $"{Environment.MachineName}:{Environment.ProcessId}";

    public static JobRun Start(AutograderDb db, string kind, long subjectId, DateTimeOffset queuedAt, PerformContext? context)
    {
        var run = new JobRun
        {
            Kind = kind,
            SubjectId = subjectId,
            HangfireJobId = context?.BackgroundJob?.Id,
            QueuedAt = queuedAt,
            StartedAt = DateTimeOffset.UtcNow,
            Worker = WorkerName,
        };
        db.JobRuns.Add(run);
        return run;
    }

    public static void Finish(JobRun run, string outcome)
    {
        run.FinishedAt = DateTimeOffset.UtcNow;
        run.Outcome = outcome;
    }
}
