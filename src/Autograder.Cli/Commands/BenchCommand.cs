using System.CommandLine;
using System.Text.Json.Nodes;
using Autograder.Cli.Bench;
using Autograder.Core.Inputs;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder bench exam --students N [--minutes M] [--faults] [--json]</c>: the load of an exam's worst hour on this
/// machine (loopback only, bounded in students and minutes), with per-route latency and what grading made of it.
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
        return new Command("bench", "Load benchmarks on this machine (loopback only).") { exam };
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
