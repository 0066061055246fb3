using System.Diagnostics;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Data.Postgres;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Cli.Bench;

public sealed record WorkerScalingOptions
{
    /// <summary>The worker process counts to measure, one run each on a database of its own.</summary>
    public required IReadOnlyList<int> Processes { get; init; }
    public int Submissions { get; init; } = 300;
    /// <summary>Jobs each worker process runs at once.</summary>
    public int JobsPerProcess { get; init; } = 1;
    public required string WorkerDll { get; init; }
    public required ProblemBank Bank { get; init; }
    public Action<string> Say { get; init; } = _ => { };
}

/// <param name="Timed">Grades stored after every process had joined, over <paramref name="Seconds"/>.</param>
public sealed record WorkerScalingRun(int Processes, int Graded, int Failed, int Doubled, int Timed, double Seconds, double PerSecond);

/// <summary>
/// Grading throughput by worker process count: for each count, a fresh database on one private PostgreSQL holds N stored
/// midterm submissions, then that many <c>autograder worker</c> processes start and grade them (reports off, so the figure is
/// grading alone). Timed from the moment the last of the processes has joined (its Hangfire server registered) to the last
/// stored grade, counting the grades stored in between, so that the processes' start-up, and one process grading alone
/// while another starts, are not counted.
/// </summary>
public sealed class WorkerScaling(WorkerScalingOptions options)
{
    private const string ExamId = "sp23-midterm";

    public async Task<IReadOnlyList<WorkerScalingRun>> RunAsync(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("autograder-bench-").FullName;
        using var server = ManagedPostgres.Start(dataDir, new ManagedPostgresOptions { Throwaway = true });
        options.Say($"PostgreSQL on 127.0.0.1:{server.Port}; {options.Submissions} submissions a run, {options.JobsPerProcess} job(s) at once per worker process");
        var runs = new List<WorkerScalingRun>();
        foreach (var processes in options.Processes)
            runs.Add(await RunOnceAsync(server.ConnectionString($"workers{runs.Count + 1}"), processes, ct));
        return runs;
    }

    private async Task<WorkerScalingRun> RunOnceAsync(string connection, int processes, CancellationToken ct)
    {
        // This process stores and queues only; the reports' jobs are off so that a run measures grading.
        await using var runtime = await ServiceRuntime.StartAsync(options.Bank, new JobSettings { RenderReports = false }, connectionString: connection, ct: ct);
        var demo = new DemoOptions
        {
            CourseCode = "bench", Students = options.Submissions, Exams = [ExamId], CodeSubmissions = false,
            OutputFolder = Path.Combine(Path.GetTempPath(), "autograder-bench-out"),
        };
        var prepared = await runtime.Get<DemoRunner>().PrepareAsync(demo, options.Say, ct);
        var examId = prepared.Exams.Single().Id;
        var workers = Enumerable.Range(0, processes).Select(i => StartWorker(connection, i)).ToList();
        try
        {
            var dbs = runtime.Services.GetRequiredService<IDbContextFactory<AutograderDb>>();
            var limit = Stopwatch.StartNew();
            var monitoring = runtime.Get<JobStorage>().GetMonitoringApi();
            DateTimeOffset joined;
            while (true)
            {
                var servers = monitoring.Servers();
                if (servers.Count >= processes)
                {
                    joined = new DateTimeOffset(DateTime.SpecifyKind(servers.Max(s => s.StartedAt), DateTimeKind.Utc));
                    break;
                }
                if (limit.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"only {servers.Count} of {processes} worker processes started in 2 minutes");
                if (workers.FirstOrDefault(w => w.HasExited) is { } dead) throw new InvalidOperationException($"worker process {dead.Id} exited with {dead.ExitCode}");
                await Task.Delay(100, ct);
            }
            var (last, progressed) = (-1, Stopwatch.StartNew());
            while (true)
            {
                int done;
                await using (var db = await dbs.CreateDbContextAsync(ct))
                    done = await db.Submissions.CountAsync(s => s.ExamId == examId && (s.GradedAt != null || s.State == SubmissionState.Failed), ct);
                if (done >= prepared.Submissions) break;
                if (done != last) (last, progressed) = (done, Stopwatch.StartNew());
                // A run that stops grading with jobs still queued is a finding, not a figure.
                if (progressed.Elapsed > TimeSpan.FromSeconds(30))
                    throw new TimeoutException($"grading stalled with {processes} worker process(es): {done} of {prepared.Submissions} graded and none for 30 s while every worker process runs");
                if (limit.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"{processes} worker process(es) did not grade {prepared.Submissions} submissions in 15 minutes");
                if (workers.FirstOrDefault(w => w.HasExited) is { } dead) throw new InvalidOperationException($"worker process {dead.Id} exited with {dead.ExitCode}");
                await Task.Delay(250, ct);
            }
            await using var check = await dbs.CreateDbContextAsync(ct);
            var rows = await check.Submissions.AsNoTracking().Where(s => s.ExamId == examId).Select(s => new { s.GradingStartedAt, s.GradedAt }).ToListAsync(ct);
            var graded = rows.Where(r => r.GradedAt is not null).ToList();
            var doubled = await check.JobRuns.Where(r => r.Kind == GradeSubmissionJob.Kind && r.Outcome == "graded")
                .GroupBy(r => r.SubjectId).CountAsync(g => g.Count() > 1, ct);
            var timed = graded.Where(r => r.GradedAt > joined).ToList();
            var seconds = timed.Count == 0 ? 0 : (timed.Max(r => r.GradedAt!.Value) - joined).TotalSeconds;
            var run = new WorkerScalingRun(processes, graded.Count, rows.Count - graded.Count, doubled, timed.Count, seconds, seconds > 0 ? timed.Count / seconds : 0);
            options.Say($"{processes} worker process(es): {run.Graded} graded, {run.Timed} of them in {run.Seconds:0.0} s once every process had joined: {run.PerSecond:0.0} submissions/s");
            return run;
        }
        finally
        {
            foreach (var worker in workers.Where(w => !w.HasExited)) worker.Kill(entireProcessTree: true);
            foreach (var worker in workers)
            {
                await worker.WaitForExitAsync(CancellationToken.None);
                worker.Dispose();
            }
        }
    }

    private Process StartWorker(string connection, int index)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { options.WorkerDll, "worker", "--queues", "default,sandbox,gpu", "--workers", $"{options.JobsPerProcess}" }) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["AUTOGRADER_BANK"] = options.Bank.Root;
        start.Environment["AUTOGRADER_Jobs__RenderReports"] = "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a worker process");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) options.Say($"worker {index}: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
