using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Sandbox.Questions;
using Autograder.Jobs.Telemetry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Jobs.Grading;

/// <summary>Wakes this process's dispatcher when a submission was stored here, so it need not wait for its next poll.</summary>
public sealed class GradingSignal
{
    private readonly Channel<bool> pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => pulses.Writer.TryWrite(true);

    /// <summary>Returns at the next pulse, or after <paramref name="interval"/>.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(interval);
        try
        {
            await pulses.Reader.WaitToReadAsync(timeout.Token);
            pulses.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The interval passed without a pulse: poll anyway, for submissions stored by other processes.
        }
    }
}

/// <summary>
/// Gives stored submissions their grade jobs, in every host that works jobs: submissions of the default queue in
/// batches of up to <see cref="JobSettings.GradingBatchSize"/> per job, code ones a job each on their own queue. The web
/// only inserts the submission; the job-engine writes happen here, off the request path, one job per batch. Several
/// hosts dispatch at once without meeting: each takes the rows it can lock (<c>FOR UPDATE SKIP LOCKED</c>). A host that
/// dies after creating a job and before marking its rows leaves them to be dispatched again; the grade job of a
/// submission another job graded returns without grading it again.
/// </summary>
public sealed class GradingDispatcher(IDbContextFactory<AutograderDb> dbs, IBackgroundJobClient jobs, Core.Bank.ProblemBank bank, JobSettings settings,
    GradingSignal signal, ILogger<GradingDispatcher> logger) : BackgroundService
{
    /// <summary>Submissions taken per pass: a burst's worth, while the rows stay locked for a few job creations only.</summary>
    private const int PageSize = 1000;

    /// <summary>One pass: dispatches what is waiting (up to a page); returns how many submissions were given a job.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var waiting = await db.Submissions.FromSql(
            $"SELECT * FROM \"Submissions\" WHERE \"DispatchedAt\" IS NULL ORDER BY \"Id\" LIMIT {PageSize} FOR UPDATE SKIP LOCKED").ToListAsync(ct);
        if (waiting.Count == 0) return 0;
        var now = DateTimeOffset.UtcNow;
        var plain = new List<Submission>();
        foreach (var s in waiting)
        {
            s.DispatchedAt = now;
            // Graded already (a direct call, a command): nothing to queue.
            if (s.State != SubmissionState.Queued) continue;
            var queue = QueueFor(bank, s.Answers, s.Code is null ? null : s.CodeProblemId);
            if (queue == Queues.Default && s.Code is null && settings.GradingBatchSize > 1) plain.Add(s);
            else Create([s], () => Enqueue(jobs, s.Id, queue));
        }
        foreach (var batch in plain.Chunk(settings.GradingBatchSize))
        {
            long[] ids = [.. batch.Select(s => s.Id)];
            Create(batch, () => batch.Length == 1 ? Enqueue(jobs, ids[0], Queues.Default) : Enqueue(jobs, ids));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return waiting.Count;
    }

    /// <summary>
    /// The queue of a submission's grade job: <c>gpu</c> when it answers a TorchSharp question (<c>queue: gpu</c>),
    /// <c>sandbox</c> for other code, <c>default</c> otherwise.
    /// </summary>
    public static string QueueFor(Core.Bank.ProblemBank bank, JsonObject answers, string? codeProblemId)
    {
        var ids = answers.Where(problem => bank.Problems.TryGetValue(problem.Key, out var definition) && problem.Value is JsonObject parts
                && parts.Any(part => definition.Part(part.Key)?.Type == Core.Bank.AnswerType.Code && part.Value is JsonValue))
            .Select(problem => problem.Key).ToList();
        if (codeProblemId is not null) ids.Add(codeProblemId);
        if (ids.Count == 0) return Queues.Default;
        return ids.Any(id => File.Exists(Path.Combine(bank.Root, "code", id, "question.yaml"))
            && CodeQuestionLoader.Load(bank.Root, id).Queue == Queues.Gpu) ? Queues.Gpu : Queues.Sandbox;
    }

    public static string Enqueue(IBackgroundJobClient jobs, long submissionId, string queue) =>
        jobs.Enqueue<GradeSubmissionJob>(queue, j => j.RunAsync(submissionId, null, CancellationToken.None));

    public static string Enqueue(IBackgroundJobClient jobs, long[] submissionIds) =>
        jobs.Enqueue<GradeSubmissionJob>(Queues.Default, j => j.RunBatchAsync(submissionIds, null, CancellationToken.None));

    /// <summary>Creates a job for <paramref name="batch"/> in the trace of the request that stored its first submission.</summary>
    private static void Create(IReadOnlyList<Submission> batch, Func<string> create)
    {
        var parent = ActivityContext.TryParse(batch[0].TraceParent, null, isRemote: true, out var stored) ? stored : default;
        var links = batch.Skip(1).Select(s => ActivityContext.TryParse(s.TraceParent, null, isRemote: true, out var other) ? other : default)
            .Where(c => c != default).Select(c => new ActivityLink(c));
        // Current while the job is created, so the job's trace parameters name it (and through it the request).
        using var activity = AutograderMetrics.Jobs.StartActivity("dispatch grading", ActivityKind.Producer, parent, links: links);
        activity?.SetTag("autograder.submissions", batch.Count);
        var id = long.Parse(create(), CultureInfo.InvariantCulture);
        foreach (var s in batch) s.GradeJobId = id;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full page means more are waiting: go on at once.
                if (await DispatchAsync(stoppingToken) >= PageSize) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database restarting or unreachable: nothing was marked, so the next pass takes the same rows.
                logger.LogWarning(e, "grading dispatch failed; retrying in {Interval}", settings.DispatchInterval);
            }
            await signal.WaitAsync(settings.DispatchInterval, stoppingToken);
        }
    }
}
