using System.CommandLine;
using System.Text.Json.Nodes;
using Autograder.Cli.Bench;
using Autograder.Core.Inputs;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder bench exam --students N [--minutes M] [--faults] [--json]</c>: the load of an exam's worst hour on this
/// machine (loopback only, bounded in students and minutes), with per-route latency and what grading made of it.
/// <c>autograder bench workers --processes 1,2 --submissions N [--jobs J] [--json]</c>: grading throughput by worker process count.
/// <c>autograder bench backlog --jobs N [--workers W] [--json]</c>: a queue of N grade jobs drained by W worker processes,
/// with the time per job from the first window to the last and the database's share of the CPU.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var students = new Option<int>("--students") { Description = "Students sitting the exam (1 to 5000).", DefaultValueFactory = _ => 200 };
        var minutes = new Option<double>("--minutes") { Description = "The exam's length in minutes (3 to 60): opened in the first minute, submitted in the last two.", DefaultValueFactory = _ => 5 };
        var workers = new Option<int>("--worker-processes") { Description = "Worker processes (1 to 8), one job at a time each.", DefaultValueFactory = _ => 2 };
        var faults = new Option<bool>("--faults") { Description = "Kill a worker with SIGKILL and restart PostgreSQL during the submission burst." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var exam = new Command("exam", "Simulate a timed midterm: open, save drafts, parse as students type, submit in the last two minutes.") { students, minutes, workers, faults, json };
        exam.SetAction(parse =>
        {
            if (parse.GetValue(students) is < 1 or > 5000) throw new BadInputException("--students", "must be between 1 and 5000");
            if (parse.GetValue(minutes) is < 3 or > 60) throw new BadInputException("--minutes", "must be between 3 and 60");
            if (parse.GetValue(workers) is < 1 or > 8) throw new BadInputException("--worker-processes", "must be between 1 and 8");
            var quiet = parse.GetValue(json);
            var load = new ExamLoad(new ExamLoadOptions
            {
                Students = parse.GetValue(students),
                Duration = TimeSpan.FromMinutes(parse.GetValue(minutes)),
                WorkerProcesses = parse.GetValue(workers),
                Faults = parse.GetValue(faults),
                WorkerDll = Path.Combine(AppContext.BaseDirectory, "autograder.dll"),
                Bank = CliSupport.LoadBank(parse),
                Say = line => (quiet ? Console.Error : Console.Out).WriteLine(line),
            });
            var result = load.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (quiet) CliSupport.WriteJson(ToJson(result));
            else Print(result);
            return 0;
        });
        return new Command("bench", "Load benchmarks on this machine (loopback only).") { exam, Workers(), Backlog() };
    }

    private static Command Workers()
    {
        var processes = new Option<string>("--processes") { Description = "Worker process counts to compare, comma-separated (each 1 to 8).", DefaultValueFactory = _ => "1,2" };
        var submissions = new Option<int>("--submissions") { Description = "Stored submissions each run grades (10 to 5000).", DefaultValueFactory = _ => 300 };
        var jobs = new Option<int>("--jobs") { Description = "Jobs each worker process runs at once (1 to 16).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("workers", "Grading throughput with each number of worker processes, against one PostgreSQL.") { processes, submissions, jobs, json };
        command.SetAction(parse =>
        {
            var counts = new List<int>();
            foreach (var item in parse.GetValue(processes)!.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(item, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 8)
                    throw new BadInputException("--processes", $"'{item}' is not a process count from 1 to 8");
                if (counts.Contains(n)) throw new BadInputException("--processes", $"names {n} twice");
                counts.Add(n);
            }
            if (parse.GetValue(submissions) is < 10 or > 5000) throw new BadInputException("--submissions", "must be between 10 and 5000");
            if (parse.GetValue(jobs) is < 1 or > 16) throw new BadInputException("--jobs", "must be between 1 and 16");
            var quiet = parse.GetValue(json);
            var bench = new WorkerScaling(new WorkerScalingOptions
            {
                Processes = counts,
                Submissions = parse.GetValue(submissions),
                JobsPerProcess = parse.GetValue(jobs),
                WorkerDll = Path.Combine(AppContext.BaseDirectory, "autograder.dll"),
                Bank = CliSupport.LoadBank(parse),
                Say = line => (quiet ? Console.Error : Console.Out).WriteLine(line),
            });
            var runs = bench.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            var baseline = runs[0].PerSecond;
            if (quiet)
                CliSupport.WriteJson(new JsonObject
                {
                    ["submissions"] = parse.GetValue(submissions),
                    ["jobs_per_process"] = parse.GetValue(jobs),
                    ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
                    {
                        ["processes"] = r.Processes,
                        ["graded"] = r.Graded,
                        ["failed"] = r.Failed,
                        ["doubled"] = r.Doubled,
                        ["timed"] = r.Timed,
                        ["seconds"] = Math.Round(r.Seconds, 2),
                        ["per_second"] = Math.Round(r.PerSecond, 2),
                        ["speedup"] = baseline > 0 ? Math.Round(r.PerSecond / baseline, 2) : 0,
                    })]),
                });
            else
            {
                var table = new Table().AddColumns("worker processes", "graded", "failed", "graded twice", "timed", "seconds", "submissions/s", "against the first");
                foreach (var r in runs)
                    table.AddRow($"{r.Processes}", $"{r.Graded}", $"{r.Failed}", $"{r.Doubled}", $"{r.Timed}", $"{r.Seconds:0.0}", $"{r.PerSecond:0.0}", baseline > 0 ? $"{r.PerSecond / baseline:0.00}x" : "-");
                AnsiConsole.Write(table);
            }
            return runs.Any(r => r.Failed > 0 || r.Doubled > 0) ? 1 : 0;
        });
        return command;
    }

    private static Command Backlog()
    {
        var jobs = new Option<int>("--jobs") { Description = "Grade jobs queued before the workers start (100 to 100000).", DefaultValueFactory = _ => 20_000 };
        var workers = new Option<int>("--workers") { Description = "Worker processes draining the queue (1 to 8), one job at a time each.", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var backlog = new Command("backlog", "Queue real grade jobs of the midterm, then time the workers draining them.") { jobs, workers, json };
        backlog.SetAction(parse =>
        {
            if (parse.GetValue(jobs) is < 100 or > 100_000) throw new BadInputException("--jobs", "must be between 100 and 100000");
            if (parse.GetValue(workers) is < 1 or > 8) throw new BadInputException("--workers", "must be between 1 and 8");
            var quiet = parse.GetValue(json);
            var load = new BacklogLoad(new BacklogOptions
            {
                Jobs = parse.GetValue(jobs),
                WorkerProcesses = parse.GetValue(workers),
                WorkerDll = Path.Combine(AppContext.BaseDirectory, "autograder.dll"),
                Bank = CliSupport.LoadBank(parse),
                Say = line => (quiet ? Console.Error : Console.Out).WriteLine(line),
            });
            var result = load.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (quiet) CliSupport.WriteJson(ToJson(result));
            else Print(result);
            return 0;
        });
        return backlog;
    }

    private static JsonObject ToJson(BacklogResult r) => new()
    {
        ["jobs"] = r.Jobs,
        ["workers"] = r.WorkerProcesses,
        ["exam"] = r.Exam,
        ["enqueue_s"] = Math.Round(r.EnqueueS, 1),
        ["drain_s"] = Math.Round(r.DrainS, 1),
        ["jobs_per_s"] = Math.Round(r.Jobs / r.DrainS, 1),
        ["windows"] = new JsonArray([.. r.Windows.Select(w => (JsonNode)new JsonObject { ["first_job"] = w.FirstJob, ["jobs"] = w.Jobs, ["ms_per_job"] = Math.Round(w.MsPerJob, 2) })]),
        ["first_window_ms_per_job"] = r.Windows.Count == 0 ? 0 : Math.Round(r.Windows[0].MsPerJob, 2),
        ["last_window_ms_per_job"] = r.Windows.Count == 0 ? 0 : Math.Round(r.Windows[^1].MsPerJob, 2),
        ["database_cpu_s"] = Math.Round(r.DatabaseCpuS, 1),
        ["database_share_of_machine"] = Math.Round(r.DatabaseShareOfMachine, 3),
        ["database_share_of_busy"] = Math.Round(r.DatabaseShareOfBusy, 3),
        ["machine_busy_share"] = Math.Round(r.MachineBusyShare, 3),
        ["workers_cpu_s"] = Math.Round(r.WorkersCpuS, 1),
        ["lost"] = r.Lost,
        ["doubled"] = r.Doubled,
    };

    private static void Print(BacklogResult r)
    {
        Console.WriteLine($"{r.Jobs} grade jobs of {r.Exam} queued in {r.EnqueueS:0.0} s; drained by {r.WorkerProcesses} workers in {r.DrainS:0.0} s ({r.Jobs / r.DrainS:0.0} jobs/s)");
        var table = new Table().AddColumns("jobs", "ms per job");
        foreach (var w in r.Windows) table.AddRow($"{w.FirstJob}-{w.FirstJob + w.Jobs - 1}", $"{w.MsPerJob:0.00}");
        AnsiConsole.Write(table);
        Console.WriteLine($"database CPU {r.DatabaseCpuS:0.0} s: {r.DatabaseShareOfMachine:P1} of the machine, {r.DatabaseShareOfBusy:P1} of the CPU used (machine busy {r.MachineBusyShare:P1}); workers {r.WorkersCpuS:0.0} s");
        Console.WriteLine($"jobs lost: {r.Lost}; graded twice: {r.Doubled}");
    }

    private static JsonObject ToJson(ExamLoadResult r) => new()
    {
        ["students"] = r.Students,
        ["routes"] = new JsonObject(r.Routes.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => KeyValuePair.Create(x.Key, (JsonNode?)new JsonObject
        {
            ["requests"] = x.Value.Requests,
            ["p50_ms"] = Math.Round(x.Value.P50Ms, 1),
            ["p95_ms"] = Math.Round(x.Value.P95Ms, 1),
            ["p99_ms"] = Math.Round(x.Value.P99Ms, 1),
            ["errors"] = x.Value.Errors,
        }))),
        ["lost"] = r.Lost,
        ["doubled"] = r.Doubled,
        ["graded_within_s"] = Math.Round(r.GradedWithinS, 1),
        ["accepted"] = r.Accepted,
        ["late_refused"] = r.Late,
        ["submit_to_graded_s"] = Spread(r.SubmitToGradedS),
        ["submit_to_report_s"] = Spread(r.SubmitToReportS),
        ["unavailable_s"] = Math.Round(r.UnavailableS, 1),
        ["faults"] = r.Faults,
    };

    private static JsonObject Spread((double P50, double P95, double Max) s) =>
        new() { ["p50"] = Math.Round(s.P50, 2), ["p95"] = Math.Round(s.P95, 2), ["max"] = Math.Round(s.Max, 2) };

    private static void Print(ExamLoadResult r)
    {
        var table = new Table().AddColumns("route", "requests", "p50 ms", "p95 ms", "p99 ms", "errors");
        foreach (var (route, f) in r.Routes.OrderBy(x => x.Key, StringComparer.Ordinal))
            table.AddRow(route, $"{f.Requests}", $"{f.P50Ms:0.0}", $"{f.P95Ms:0.0}", $"{f.P99Ms:0.0}", $"{f.Errors}");
        AnsiConsole.Write(table);
        Console.WriteLine($"{r.Students} students: {r.Accepted} submissions accepted, {r.Late} refused after the deadline (409, expected)");
        Console.WriteLine($"submit -> graded: p50 {r.SubmitToGradedS.P50:0.00} s, p95 {r.SubmitToGradedS.P95:0.00} s, max {r.SubmitToGradedS.Max:0.00} s");
        Console.WriteLine($"submit -> report stored: p50 {r.SubmitToReportS.P50:0.00} s, p95 {r.SubmitToReportS.P95:0.00} s, max {r.SubmitToReportS.Max:0.00} s");
        Console.WriteLine($"last submission graded {r.GradedWithinS:0.0} s after the deadline; jobs lost: {r.Lost}; graded twice: {r.Doubled}");
        if (r.Faults is { } faults) Console.WriteLine($"faults: {faults}; requests failed for {r.UnavailableS:0.0} s");
    }
}
