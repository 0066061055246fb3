using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Autograder.Jobs.Hosting;
using Hangfire.Client;
using Hangfire.Server;

namespace Autograder.Jobs.Telemetry;

/// <summary>
/// Wraps every job run in a span of <see cref="AutograderMetrics.Jobs"/> and records its duration by kind. The trace of
/// whoever queued the job (a request, or the job that queued this one) travels in the job's parameters, W3C-formatted,
/// so that the run joins that trace on whichever machine runs it.
/// </summary>
internal sealed class JobTelemetryFilter(AutograderMetrics metrics) : IServerFilter, IClientFilter
{
    internal const string TraceParentParameter = "traceparent";
    internal const string TraceStateParameter = "tracestate";
    private const string ActivityKey = "autograder.activity";
    private const string ClockKey = "autograder.clock";
    private static readonly ConcurrentDictionary<Type, string> Kinds = new();

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } caller) return;
        context.SetJobParameter(TraceParentParameter, caller.Id);
        if (caller.TraceStateString is { } state) context.SetJobParameter(TraceStateParameter, state);
    }

    public void OnCreated(CreatedContext context)
    {
        // Nothing to do once it is stored: the trace context went in with it.
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob;
        var parent = ActivityContext.TryParse(context.GetJobParameter<string>(TraceParentParameter), context.GetJobParameter<string>(TraceStateParameter), isRemote: true, out var queued)
            ? queued : default;
        // Started here and left current: the job method runs below this call, so its database spans nest under it.
        var activity = AutograderMetrics.Jobs.StartActivity($"job {KindOf(job.Job.Type)}", ActivityKind.Consumer, parent);
        activity?.SetTag("autograder.job.kind", KindOf(job.Job.Type));
        activity?.SetTag("autograder.job.id", job.Id);
        activity?.SetTag("messaging.destination.name", job.Job.Queue ?? Queues.Default);
        context.Items[ActivityKey] = activity;
        context.Items[ClockKey] = Stopwatch.StartNew();
    }

    public void OnPerformed(PerformedContext context)
    {
        var job = context.BackgroundJob;
        var failed = context.Exception is not null && !context.ExceptionHandled;
        if (context.Items.TryGetValue(ClockKey, out var clock) && clock is Stopwatch watch)
            metrics.JobFinished(KindOf(job.Job.Type), job.Job.Queue ?? Queues.Default, watch.Elapsed, failed);
        if (!context.Items.TryGetValue(ActivityKey, out var item) || item is not Activity activity) return;
        if (failed) activity.SetStatus(ActivityStatusCode.Error, context.Exception!.Message);
        activity.Dispose();
    }

    /// <summary>The job's <c>Kind</c> constant (as its runs are recorded), else its type name.</summary>
    internal static string KindOf(Type type) => Kinds.GetOrAdd(type, t =>
        t.GetField("Kind", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string kind ? kind : t.Name);
}
