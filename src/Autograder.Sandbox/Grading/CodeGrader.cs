using System.Diagnostics;
using System.Text.Json.Nodes;
using Autograder.Sandbox.Compilation;
using Autograder.Sandbox.Isolation;
using Autograder.Sandbox.Questions;
using Microsoft.CodeAnalysis;

namespace Autograder.Sandbox.Grading;

/// <summary>
/// Grades C# submissions to code questions: compiles in this process (references cached), runs each submission in a
/// fresh isolated child from a warm pool, and compares the child's outputs with the expected ones here, so reference
/// answers never enter the child. Long-lived: create one per worker and dispose it at shutdown.
/// </summary>
public sealed class CodeGrader : IAsyncDisposable, IDisposable
{
    /// <summary>A child that dies or stalls is replaced for the remaining tests at most this many times per submission.</summary>
    private const int MaxRestarts = 2;

    private readonly SubmissionCompiler _compiler = new();
    private readonly SandboxOptions _options;
    private readonly ReferenceSolver? _solver;
    private readonly RunnerPool _pool;
    private readonly IsolationLayers _layers;
    private readonly Lazy<TensorRuntime> _tensor;

    /// <summary>TorchSharp questions (queue gpu): their own pool of tensor runner children, started on first use, and TorchSharp's metadata for the compiler.</summary>
    private sealed record TensorRuntime(RunnerPool Pool, IReadOnlyList<MetadataReference> References);

    /// <param name="options">Child limits and pool size; the defaults when null.</param>
    /// <param name="solver">Computes expected outputs of tests that name a reference solver.</param>
    public CodeGrader(SandboxOptions? options = null, ReferenceSolver? solver = null)
    {
        _options = options ?? new SandboxOptions();
        _solver = solver;
        var layers = IsolationLayers.Detect();
        Warnings = layers.Missing;
        if (layers.Missing.Count > 0 && _options.RequireAllLayers)
            throw new InvalidOperationException($"a sandbox layer is missing: {layers.Missing[0]}");
        var warn = _options.Warn ?? (message => Console.Error.WriteLine($"warning: sandbox: {message}"));
        foreach (var message in layers.Missing) warn(message);
        _pool = new RunnerPool(layers, _options);
        _layers = layers;
        _tensor = new(StartTensorRuntime, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private TensorRuntime StartTensorRuntime()
    {
        var dir = TensorRunnerLocator.Find(_options);
        var options = _options with { MaxMemoryMb = Math.Max(_options.MaxMemoryMb, _options.TensorMaxMemoryMb) };
        return new TensorRuntime(new RunnerPool(_layers, options, dir, TensorRunnerLocator.RunnerDll, gpuDevices: true),
            [MetadataReference.CreateFromFile(Path.Combine(dir, "TorchSharp.dll"))]);
    }

    /// <summary>The isolation layers this machine lacks (each was logged once as a warning).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Compiles and runs <paramref name="source"/> against the tests of <paramref name="question"/> for <paramref name="seed"/>.</summary>
    public Task<CodeRunResult> GradeAsync(CodeQuestion question, string source, long seed, CancellationToken ct) =>
        GradeAsync(question, source, seed, checkAllowlist: true, ct);

    /// <summary>Without the allowlist only in tests, which show that the process layers alone contain a submission.</summary>
    internal async Task<CodeRunResult> GradeAsync(CodeQuestion question, string source, long seed, bool checkAllowlist, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tests = TestInstances.Create(question, seed, _solver);
        var max = tests.Sum(t => t.Points);
        var tensor = question.Queue == "gpu" ? _tensor.Value : null;
        var compiled = _compiler.Compile(source, question.Entry.Class, question.Entry.Method, question.Entry.Parameters.Count, question.Allow, ct, checkAllowlist, tensor?.References);
        if (!compiled.Succeeded)
        {
            return new CodeRunResult(compiled.FailureVerdict!, 0, max, compiled.Message,
                [.. tests.Select(t => new CodeTestResult(t.Name, compiled.FailureVerdict!, compiled.Message!, 0, t.Points, t.Visible))],
                new CodeTimings(compiled.Milliseconds, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        var runStarted = Stopwatch.GetTimestamp();
        var outcomes = await RunAsync(tensor?.Pool ?? _pool, question, compiled.Assembly!, tests, ct).ConfigureAwait(false);
        var runMs = Stopwatch.GetElapsedTime(runStarted).TotalMilliseconds;
        var results = tests.Select((t, i) => Judge(question, t, outcomes[i])).ToList();
        var verdict = results.Select(r => r.Verdict).Aggregate(Verdicts.Passed, Verdicts.Worst);
        return new CodeRunResult(verdict, results.Sum(r => r.Score), max, null, results,
            new CodeTimings(compiled.Milliseconds, runMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
    }

    /// <summary>What happened to one test in the child: its output line, or why there is none.</summary>
    private sealed record Outcome(JsonObject? Line, string? Verdict, string? Message);

    private static async Task<List<Outcome>> RunAsync(RunnerPool pool, CodeQuestion question, byte[] assembly, IReadOnlyList<TestInstance> tests, CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        var restarts = 0;
        var encoded = Convert.ToBase64String(assembly);
        while (outcomes.Count < tests.Count)
        {
            if (restarts > MaxRestarts)
            {
                var last = outcomes[^1];
                // A child that ended itself for printing too much returned a line, not a verdict.
                var (verdict, why) = last.Verdict is { } v
                    ? (v, last.Message)
                    : (Verdicts.OutputLimit, "it printed more than the output limit");
                while (outcomes.Count < tests.Count)
                    outcomes.Add(new Outcome(null, verdict, $"not run: the submission failed {restarts} times ({why})"));
                break;
            }
            var remaining = tests.Skip(outcomes.Count).ToList();
            using var child = await pool.TakeAsync(ct).ConfigureAwait(false);
            var memoryMb = remaining.Max(t => t.Limits.MemoryMb);
            child.SetMemoryLimit(memoryMb);
            var job = new JsonObject
            {
                ["assembly"] = encoded,
                ["type"] = question.Entry.Class,
                ["method"] = question.Entry.Method,
                ["arity"] = question.Entry.Parameters.Count,
                ["output_limit"] = remaining.Max(t => t.Limits.OutputKb) * 1024,
                ["tests"] = new JsonArray([.. remaining.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["args"] = t.Args.DeepClone() })]),
            };
            try
            {
                await child.SendAsync(job.ToJsonString(), ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // the child died before reading its job; reported below from how it ended
            }
            var first = true;
            foreach (var test in remaining)
            {
                // The first test also pays for loading the assembly and JIT-compiling the submission.
                var wait = TimeSpan.FromMilliseconds(test.Limits.TimeMs * 1.5 + (first ? 500 : 250));
                first = false;
                var (status, line) = await child.ReadLineAsync(wait, test.Limits.OutputKb * 1024 + 64 * 1024, ct).ConfigureAwait(false);
                if (status == ReadStatus.Line && JsonNode.Parse(line!) is JsonObject parsed)
                {
                    if (parsed["fatal"] is not null)
                    {
                        var message = $"{parsed["exception"]}: {parsed["message"]}";
                        while (outcomes.Count < tests.Count) outcomes.Add(new Outcome(null, Verdicts.RuntimeError, message));
                        break;
                    }
                    outcomes.Add(new Outcome(parsed, null, null));
                    if (parsed["output_overflow"]?.GetValue<bool>() != true) continue;
                    // The child ends itself when the submission prints past the cap; the rest go to a fresh one.
                    await child.EndAsync().ConfigureAwait(false);
                    restarts++;
                    break;
                }
                var exit = await child.EndAsync().ConfigureAwait(false);
                outcomes.Add(status switch
                {
                    ReadStatus.Timeout => new Outcome(null, Verdicts.TimeLimit, $"stopped after {wait.TotalMilliseconds:0} ms (limit {test.Limits.TimeMs} ms)"),
                    ReadStatus.TooLong => new Outcome(null, Verdicts.OutputLimit, $"the output is larger than {test.Limits.OutputKb} KB"),
                    _ => Died(exit, test),
                });
                restarts++;
                break;
            }
        }
        return outcomes;
    }

    private static Outcome Died(ChildExit exit, TestInstance test)
    {
        if (exit.Stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
            return new Outcome(null, Verdicts.RuntimeError, "stack overflow (the process was ended)");
        // libtorch's C++ errors (mismatched shapes, bad dimensions) end the process here instead of reaching the submission as exceptions.
        if (exit.Stderr.Contains("c10::Error", StringComparison.Ordinal))
            return new Outcome(null, Verdicts.RuntimeError, $"libtorch stopped with an error (the tensors' shapes or dimensions do not fit the operation): {LibtorchMessage(exit.Stderr)}");
        if (exit.HitMemoryLimit || exit.Stderr.Contains("OutOfMemory", StringComparison.Ordinal))
            return new Outcome(null, Verdicts.MemoryLimit, $"the submission used more than {test.Limits.MemoryMb} MB");
        return exit.ExitCode switch
        {
            152 or 158 => new Outcome(null, Verdicts.TimeLimit, "the CPU time limit was reached"), // SIGXCPU
            137 => new Outcome(null, Verdicts.RuntimeError, "the process was killed"),
            134 => new Outcome(null, Verdicts.RuntimeError, "the process aborted"),
            { } code => new Outcome(null, Verdicts.RuntimeError, $"the process exited with code {code} before returning a result"),
            null => new Outcome(null, Verdicts.RuntimeError, "the process stopped before returning a result"),
        };
    }

    /// <summary>The first line of libtorch's own message (after "what():"); its C++ source location follows on the next line.</summary>
    private static string LibtorchMessage(string stderr)
    {
        var at = stderr.IndexOf("what():", StringComparison.Ordinal);
        var text = at < 0 ? "" : stderr[(at + "what():".Length)..].TrimStart();
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "no message" : line.Length <= 300 ? line : line[..300] + "...";
    }

    private static CodeTestResult Judge(CodeQuestion question, TestInstance test, Outcome outcome)
    {
        CodeTestResult Fail(string verdict, string message) => new(test.Name, verdict, message, 0, test.Points, test.Visible);
        if (outcome.Verdict is { } verdict) return Fail(verdict, outcome.Message ?? "");
        var line = outcome.Line!;
        if (line["output_overflow"]?.GetValue<bool>() == true)
            return Fail(Verdicts.OutputLimit, $"the output (printed or returned) is larger than {test.Limits.OutputKb} KB");
        if (line["error"]?.GetValue<string>() is { } error)
        {
            var type = line["exception"]?.GetValue<string>() ?? "Exception";
            var message = line["message"]?.GetValue<string>() ?? "";
            if (type is "OutOfMemoryException") return Fail(Verdicts.MemoryLimit, $"the submission used more than {test.Limits.MemoryMb} MB ({type})");
            if (type is "InsufficientExecutionStackException") return Fail(Verdicts.RuntimeError, "stack overflow");
            return Fail(Verdicts.RuntimeError, error == "input" ? message : $"{type}: {message}");
        }
        var ms = line["ms"]?.GetValue<double>() ?? 0;
        if (ms > test.Limits.TimeMs) return Fail(Verdicts.TimeLimit, $"took {ms:0} ms (limit {test.Limits.TimeMs} ms)");
        var actual = line["output"];
        if (test.Evaluation is var (evaluator, inputs))
        {
            try
            {
                actual = evaluator.Apply(actual, inputs);
            }
            catch (EvaluationException e)
            {
                return Fail(Verdicts.WrongAnswer, e.Message);
            }
        }
        var difference = OutputComparer.FirstDifference(test.Expected, actual, question.Compare);
        if (difference is null) return new CodeTestResult(test.Name, Verdicts.Passed, "", test.Points, test.Points, test.Visible);
        return Fail(Verdicts.WrongAnswer, test.Visible ? difference : "wrong answer (hidden test)");
    }

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync().ConfigureAwait(false);
        if (_tensor.IsValueCreated) await _tensor.Value.Pool.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
