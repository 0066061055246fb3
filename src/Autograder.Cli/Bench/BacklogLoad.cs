using System.Diagnostics;
using System.Globalization;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Data.Postgres;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Submissions;
using Autograder.Solvers.Simulation;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Cli.Bench;

public sealed record BacklogOptions
{
    public int Jobs { get; init; } = 20_000;
    public int WorkerProcesses { get; init; } = 2;
    public required string WorkerDll { get; init; }
    public required ProblemBank Bank { get; init; }
    public Action<string> Say { get; init; } = _ => { };
}

/// <summary>Time per job over one window of the drain, in the order the jobs finished.</summary>
public sealed record BacklogWindow(int FirstJob, int Jobs, double MsPerJob);

public sealed record BacklogResult(int Jobs, int WorkerProcesses, string Exam, double EnqueueS, double DrainS, IReadOnlyList<BacklogWindow> Windows,
    double DatabaseCpuS, double DatabaseShareOfMachine, double DatabaseShareOfBusy, double MachineBusyShare, double WorkersCpuS, int Lost, int Doubled);

/// <summary>
/// A backlog of real grade jobs drained by real worker processes on real Hangfire.PostgreSql storage: the Spring 2023
/// midterm (sixteen problems, no code part, so each job is the grading itself and not the sandbox; reports off) handed
/// in many times by each of up to 1,000 simulated students, every submission stored and its grade job queued before any
/// worker starts; then the workers (one job at a time each) drain the queue. Time per job is measured in
/// windows of the drain, and the database's CPU from /proc.
/// </summary>
public sealed class BacklogLoad(BacklogOptions options)
{
    private const string Course = "backlog";
    private const string ExamId = "sp23-midterm";

    public async Task<BacklogResult> RunAsync(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("autograder-backlog-").FullName;
        using var server = ManagedPostgres.Start(dataDir, new ManagedPostgresOptions { Throwaway = true });
        var connection = server.ConnectionString("backlog");
        options.Say($"PostgreSQL on 127.0.0.1:{server.Port}; {options.WorkerProcesses} worker processes of one job each");
        await using var runtime = await ServiceRuntime.StartAsync(options.Bank, new JobSettings { RenderReports = false }, connectionString: connection, ct: ct);
        var enqueue = Stopwatch.StartNew();
        var ids = await PrepareAsync(runtime, ct);
        enqueue.Stop();
        options.Say($"{ids.Count} submissions stored and their grade jobs queued in {enqueue.Elapsed.TotalSeconds:0.0} s; draining");

        var before = CpuSample.Take(server.DataDirectory);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.WorkerProcesses).Select(i => StartWorker(connection, i)).ToList();
        double workersCpu;
        try
        {
            await WaitDrainedAsync(runtime, ids.Count, workers, ct);
            workersCpu = workers.Sum(w => w.HasExited ? 0 : w.TotalProcessorTime.TotalSeconds);
        }
        finally
        {
            foreach (var worker in workers.Where(w => !w.HasExited)) worker.Kill(entireProcessTree: true);
            foreach (var worker in workers) worker.Dispose();
        }
        var after = CpuSample.Take(server.DataDirectory);
        var wall = clock.Elapsed.TotalSeconds;

        await using var db = runtime.Database.CreateContext();
        var graded = await db.Submissions.AsNoTracking().Where(s => s.GradedAt != null).Select(s => s.GradedAt!.Value).ToListAsync(ct);
        graded.Sort();
        var doubled = await db.JobRuns.Where(r => r.Kind == GradeSubmissionJob.Kind && r.Outcome == "graded").GroupBy(r => r.SubjectId).CountAsync(g => g.Count() > 1, ct);
        var database = after.Database - before.Database;
        var busy = after.Busy - before.Busy;
        var total = after.Total - before.Total;
        return new BacklogResult(ids.Count, options.WorkerProcesses, ExamId, enqueue.Elapsed.TotalSeconds, wall, Windows(graded),
            database, total > 0 ? database / total : 0, busy > 0 ? database / busy : 0, total > 0 ? busy / total : 0, workersCpu, ids.Count - graded.Count, doubled);
    }

    /// <summary>Windows of about a twentieth of the jobs (1,000 for 20,000), each timed from the previous window's last job.</summary>
    private static List<BacklogWindow> Windows(List<DateTimeOffset> graded)
    {
        var windows = new List<BacklogWindow>();
        if (graded.Count < 2) return windows;
        var size = Math.Clamp(graded.Count / 20, 1, 1000);
        for (var start = 1; start < graded.Count; start += size)
        {
            var end = Math.Min(start + size, graded.Count) - 1;
            var jobs = end - start + 1;
            windows.Add(new BacklogWindow(start, jobs, (graded[end] - graded[start - 1]).TotalMilliseconds / jobs));
        }
        return windows;
    }

    private async Task<List<long>> PrepareAsync(ServiceRuntime runtime, CancellationToken ct)
    {
        var students = Math.Min(1000, options.Jobs);
        var demo = new DemoOptions
        {
            CourseCode = Course, Students = students, Exams = [ExamId], Unsubmitted = students,
            OutputFolder = Path.Combine(Path.GetTempPath(), "autograder-backlog-out"),
        };
        var prepared = await runtime.Get<DemoRunner>().PrepareAsync(demo, options.Say, ct);
        var exam = prepared.Exams.Single();
        var bank = options.Bank;
        var simulator = new StudentSimulator(bank, DemoRunner.CodeReferences(bank));
        var rng = new Random(2026);
        await using var db = runtime.Database.CreateContext();
        var variants = (await db.Variants.AsNoTracking().Where(v => v.ExamId == exam.Id).ToListAsync(ct))
            .GroupBy(v => v.PersonId).OrderBy(g => g.Key).Select(g => (Person: g.Key, Variants: g.OrderBy(v => v.Position).Select(SubmissionGrader.ToVariant(bank)).ToList())).ToList();

        // Stored as the submit service stores them, a thousand rows per insert; each student hands in again and again.
        var ids = new List<long>();
        var now = DateTimeOffset.UtcNow;
        for (var first = 0; first < options.Jobs; first += 1000)
        {
            var rows = Enumerable.Range(first, Math.Min(1000, options.Jobs - first)).Select(n =>
            {
                var (person, mine) = variants[n % variants.Count];
                return new Submission
                {
                    CourseId = exam.CourseId, ExamId = exam.Id, PersonId = person, IdempotencyKey = $"backlog:{n}", Attempt = 1 + n / variants.Count,
                    Answers = simulator.ExamAnswers(mine, rng), State = SubmissionState.Queued, SubmittedAt = now,
                    // Given their jobs below, one each, rather than left to the workers' dispatchers: the backlog measured is of jobs.
                    DispatchedAt = now,
                };
            }).ToList();
            db.Submissions.AddRange(rows);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            ids.AddRange(rows.Select(r => r.Id));
        }
        var jobs = runtime.Get<IBackgroundJobClient>();
        var jobIds = new long[ids.Count];
        // Four at a time, as several dispatchers would queue them.
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, (i, _) =>
        {
            jobIds[i] = long.Parse(GradingDispatcher.Enqueue(jobs, ids[i], Queues.Default), CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        });
        // Each submission names its job, as a dispatched one does, so the stranded check leaves it to that job.
        long[] submissionIds = [.. ids];
        await db.Database.ExecuteSqlAsync(
            $"UPDATE \"Submissions\" s SET \"GradeJobId\" = v.job FROM unnest({submissionIds}, {jobIds}) AS v(id, job) WHERE s.\"Id\" = v.id", ct);
        return ids;
    }

    private async Task WaitDrainedAsync(ServiceRuntime runtime, int count, List<Process> workers, CancellationToken ct)
    {
        var limit = Stopwatch.StartNew();
        var lastSaid = 0;
        while (true)
        {
            await using var db = runtime.Database.CreateContext();
            var done = await db.Submissions.CountAsync(s => s.GradedAt != null || s.State == SubmissionState.Failed, ct);
            if (done >= count) return;
            if (workers.All(w => w.HasExited)) throw new InvalidOperationException("every worker process exited before the backlog was drained");
            if (limit.Elapsed > TimeSpan.FromHours(1)) throw new TimeoutException($"only {done} of {count} jobs done after an hour");
            if (done - lastSaid >= 2000)
            {
                options.Say($"{done} of {count} graded after {limit.Elapsed.TotalSeconds:0} s");
                lastSaid = done;
            }
            await Task.Delay(1000, ct);
        }
    }

    private Process StartWorker(string connection, int index)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { options.WorkerDll, "worker", "--queues", "default", "--workers", "1" }) start.ArgumentList.Add(a);
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

    /// <summary>CPU seconds from /proc: the database's processes (the postmaster, its live children and the ones it reaped) and the whole machine.</summary>
    private sealed record CpuSample(double Database, double Busy, double Total)
    {
        // USER_HZ: the unit of /proc times, 100 on Linux on every architecture this runs on.
        private const double Hz = 100;

        public static CpuSample Take(string dataDirectory)
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
            double database = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                var stat = Stat(pid);
                if (stat is null) continue;
                if (pid == postmaster) database += stat[11] + stat[12] + stat[13] + stat[14];
                else if ((int)stat[1] == postmaster) database += stat[11] + stat[12];
            }
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal: idle and iowait are the unused part.
            var total = cpu.Take(8).Sum();
            return new CpuSample(database / Hz, (total - cpu[3] - cpu[4]) / Hz, total / Hz);
        }

        /// <summary>Fields after the command name of /proc/pid/stat, from the state on (index 1 is the parent, 11 to 14 utime, stime, cutime, cstime); null when the process is gone.</summary>
        private static double[]? Stat(int pid)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It exited between the listing and the read.
                return null;
            }
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return [.. fields.Select(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0)];
        }
    }
}
