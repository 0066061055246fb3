using System.CommandLine;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Questions;
using Autograder.Solvers;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder run-code</c>: grades one C# file against a code question, in the sandbox, and prints the result as JSON.</summary>
internal static class RunCodeCommand
{
    public static Command Create()
    {
        var problemId = new Argument<string>("problem-id") { Description = "The code question (a folder under problem-bank/code)." };
        var file = new Option<string?>("--file") { Description = "The submission: a C# file with the question's class." };
        var seed = new Option<long>("--seed") { Description = "The seed of the random tests.", DefaultValueFactory = _ => 1 };
        var bench = new Option<int>("--bench") { Description = "Instead of one result: grade the file this many times with one warm grader and print latency figures." };
        var naive = new Option<int>("--bench-naive") { Description = "With --bench: also time this many gradings each in a fresh autograder process (the naive way)." };
        var pause = new Option<int>("--bench-pause") { Description = "With --bench: milliseconds between warm gradings, so that the pool refills (latency at a moderate arrival rate)." };
        var command = new Command("run-code", "Compile and run a C# submission in the sandbox and print its verdict as JSON.") { problemId, file, seed, bench, naive, pause };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(problemId)!, parse.GetValue(file), parse.GetValue(seed), parse.GetValue(bench), parse.GetValue(naive), Math.Max(0, parse.GetValue(pause)), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string id, string? file, long seed, int bench, int naive, int pause, CancellationToken ct)
    {
        if (bench < 0) throw new BadInputException("--bench", "must be a positive number of gradings");
        if (naive < 0 || (naive > 0 && bench == 0)) throw new BadInputException("--bench-naive", "is a positive number of gradings and goes with --bench");
        if (file is null) throw new BadInputException("--file", "is required: the C# file to grade");
        string source;
        try
        {
            source = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("--file", $"cannot read '{file}': {e.Message}");
        }
        var question = CodeQuestionLoader.Load(ProblemBank.Locate(parse.GetValue(CliSupport.BankOption)), id);
        await using var grader = ExamGrading.NewCodeGrader();
        if (bench > 0)
        {
            CliSupport.WriteJson(await RunCodeBench.RunAsync(grader, question, source, file, parse.GetValue(CliSupport.BankOption), bench, naive, ct, pause).ConfigureAwait(false));
            return 0;
        }
        var result = await grader.GradeAsync(question, source, seed, ct).ConfigureAwait(false);
        CliSupport.WriteJson(result.ToJson());
        return 0;
    }
}

/// <summary>
/// <c>run-code --bench</c>: latency of warm gradings (one long-lived grader, every isolation layer on) against the naive
/// way, a fresh process that compiles and runs each submission. Figures for docs/benchmarks.md, not a test.
/// </summary>
internal static class RunCodeBench
{
    public static async Task<System.Text.Json.Nodes.JsonObject> RunAsync(CodeGrader grader, CodeQuestion question, string source, string file, string? bank, int count, int naive, CancellationToken ct, int pause = 0)
    {
        for (var i = 0; i < 5; i++) await grader.GradeAsync(question, source, i, ct).ConfigureAwait(false); // warm the compiler and the pool
        var warm = new List<double>();
        var compile = new List<double>();
        var run = new List<double>();
        var verdicts = new HashSet<string>(StringComparer.Ordinal);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var t = System.Diagnostics.Stopwatch.GetTimestamp();
            var graded = await grader.GradeAsync(question, source, i, ct).ConfigureAwait(false);
            warm.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            verdicts.Add(graded.Verdict);
            compile.Add(graded.Timings.CompileMs);
            run.Add(graded.Timings.RunMs);
            if (pause > 0) await Task.Delay(pause, ct).ConfigureAwait(false);
        }
        var sequentialSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Throughput with two submissions in flight, as a worker on this two-core machine would run them.
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var verdict = (await grader.GradeAsync(question, source, i, ct).ConfigureAwait(false)).Verdict;
                lock (verdicts) verdicts.Add(verdict);
            }
        }
        await Task.WhenAll(Worker(), Worker()).ConfigureAwait(false);
        var parallelSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        var result = new System.Text.Json.Nodes.JsonObject
        {
            ["question"] = question.Id,
            ["tests_per_submission"] = question.Tests.Sum(t => t.Count),
            ["verdicts"] = string.Join(",", verdicts.Order(StringComparer.Ordinal)),
            ["warm"] = Stats(warm, count / sequentialSeconds),
            ["warm_compile_p50_ms"] = Math.Round(Percentile(compile, 0.5), 1),
            ["warm_run_p50_ms"] = Math.Round(Percentile(run, 0.5), 1),
            ["warm_two_in_flight_per_second"] = Math.Round(count / parallelSeconds, 2),
            ["isolation_warnings"] = grader.Warnings.Count,
        };
        if (naive > 0)
        {
            var cold = new List<double>();
            for (var i = 0; i < naive; i++)
            {
                var t = System.Diagnostics.Stopwatch.GetTimestamp();
                await FreshProcessAsync(question.Id, file, bank, i, ct).ConfigureAwait(false);
                cold.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            result["naive"] = Stats(cold, 1000 / cold.Average());
            result["speedup_p50"] = Math.Round(Percentile(cold, 0.5) / Percentile(warm, 0.5), 1);
        }
        return result;
    }

    private static async Task FreshProcessAsync(string id, string file, string? bank, int seed, CancellationToken ct)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(typeof(RunCodeBench).Assembly.Location);
        foreach (var a in new[] { "run-code", id, "--file", file, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture) }) info.ArgumentList.Add(a);
        if (bank is not null) { info.ArgumentList.Add("--bank"); info.ArgumentList.Add(bank); }
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"the fresh process failed: {await errors.ConfigureAwait(false)}");
        _ = await output.ConfigureAwait(false);
    }

    private static System.Text.Json.Nodes.JsonObject Stats(List<double> ms, double perSecond) => new()
    {
        ["n"] = ms.Count,
        ["p50_ms"] = Math.Round(Percentile(ms, 0.5), 1),
        ["p99_ms"] = Math.Round(Percentile(ms, 0.99), 1),
        ["mean_ms"] = Math.Round(ms.Average(), 1),
        ["per_second"] = Math.Round(perSecond, 2),
    };

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
