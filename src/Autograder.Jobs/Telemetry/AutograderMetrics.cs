using System.Diagnostics;
using System.Diagnostics.Metrics;
using Autograder.Core.Grading;
using Autograder.Jobs.Hosting;
using Hangfire;

namespace Autograder.Jobs.Telemetry;

/// <summary>
/// The service's own instruments, in the meter <see cref="MeterName"/>: queue lengths, job durations, submit-to-graded
/// latency, sandbox verdicts, isolation warnings and report render time. Values are recorded where they happen.
/// </summary>
public sealed class AutograderMetrics
{
    public const string MeterName = "Autograder";

    /// <summary>Traces of job runs (one span a job, with the database calls under it).</summary>
    public static readonly ActivitySource Jobs = new("Autograder.Jobs");

    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _gradedLatency;
    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _isolationWarnings;
    private readonly Histogram<double> _reportRender;

    public AutograderMetrics(IMeterFactory meters, JobStorage storage)
    {
        var meter = meters.Create(MeterName);
        _jobDuration = meter.CreateHistogram<double>("autograder.job.duration", "s", "Time one job run took, by kind and outcome.");
        _gradedLatency = meter.CreateHistogram<double>("autograder.submission.latency", "s", "From a submission's arrival to its stored grade.");
        _verdicts = meter.CreateCounter<long>("autograder.sandbox.verdicts", "{test}", "Verdicts of code tests run in the sandbox.");
        _isolationWarnings = meter.CreateCounter<long>("autograder.sandbox.isolation_warnings", "{warning}", "Isolation layers missing while code was graded, once per graded code submission and layer.");
        _reportRender = meter.CreateHistogram<double>("autograder.report.render.duration", "s", "Time one student report took to draw.");
        // Read at each scrape: the queue as PostgreSQL holds it, the same for every process that is asked.
        meter.CreateObservableGauge("autograder.queue.length", () => QueueLengths(storage), "{job}", "Jobs in each queue: waiting, or fetched by a worker and running.");
    }

    public void JobFinished(string kind, string queue, TimeSpan took, bool failed) =>
        _jobDuration.Record(took.TotalSeconds, new("kind", kind), new("queue", queue), new("outcome", failed ? "failed" : "succeeded"));

    public void Graded(DateTimeOffset submittedAt, DateTimeOffset gradedAt) =>
        _gradedLatency.Record(Math.Max(0, (gradedAt - submittedAt).TotalSeconds));

    public void ReportRendered(TimeSpan took) => _reportRender.Record(took.TotalSeconds);

    /// <summary>Counts the verdicts of the code parts that <paramref name="before"/> left to the sandbox and <paramref name="after"/> has graded.</summary>
    public void CodeGraded(ExamResult before, ExamResult after, int missingLayers)
    {
        var waiting = before.Problems.SelectMany(p => p.Parts.Where(x => x.Pending == PartPending.Code).Select(x => (p.ProblemId, x.PartId))).ToHashSet();
        if (waiting.Count == 0) return;
        var graded = after.Problems.SelectMany(p => p.Parts.Where(x => x.Pending == PartPending.None && waiting.Contains((p.ProblemId, x.PartId))));
        foreach (var test in graded.SelectMany(part => part.Tests)) _verdicts.Add(1, new KeyValuePair<string, object?>("verdict", test.Verdict));
        // Zero too, so that a dashboard shows the series (and an alert on it can fire) before the first warning.
        _isolationWarnings.Add(missingLayers);
    }

    private static IEnumerable<Measurement<long>> QueueLengths(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        foreach (var queue in Queues.All)
        {
            yield return new(monitoring.EnqueuedCount(queue), new("queue", queue), new("state", "waiting"));
            yield return new(monitoring.FetchedCount(queue), new("queue", queue), new("state", "running"));
        }
    }
}
