using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Sandbox.Compilation;
using Autograder.Sandbox.Isolation;
using Autograder.Sandbox.Protocol;
using Autograder.Sandbox.Questions;

namespace Autograder.Sandbox.Grading;

/// <summary>A process layer is missing and <see cref="SandboxOptions.AllowMissingLayers"/> is off: code is not run at all.</summary>
public sealed class SandboxUnavailableException(string message) : InvalidOperationException(message);

/// <summary>
/// Grades C# submissions to code questions: compiles in a separate compiler process, runs each submission in a fresh
/// isolated child from a warm pool, and compares the child's outputs with the expected ones here, so reference answers
/// never enter the child. Whatever a submission does ends as a verdict in the result, never as an exception.
/// Long-lived: create one per worker and dispose it at shutdown.
/// </summary>
public sealed class CodeGrader : IAsyncDisposable, IDisposable
{
    /// <summary>A child that dies or stalls is replaced for the remaining tests at most this many times per submission.</summary>
    private const int MaxRestarts = 2;

    private readonly SandboxOptions _options;
    private readonly ReferenceSolver? _solver;
    private readonly RunnerPool _pool;
    private readonly CompilerProcess _compiler;
    private readonly IsolationLayers _layers;
    private readonly Lazy<TensorRuntime> _tensor;
    private readonly string? _isolation;

    /// <summary>TorchSharp questions (queue gpu): their own pool of tensor runner children, started on first use, and TorchSharp's metadata for the compiler.</summary>
    private sealed record TensorRuntime(RunnerPool Pool, IReadOnlyList<string> References);

    /// <param name="options">Child limits and pool size; the defaults when null.</param>
    /// <param name="solver">Computes expected outputs of tests that name a reference solver.</param>
    /// <exception cref="SandboxUnavailableException">A process layer is missing and <see cref="SandboxOptions.AllowMissingLayers"/> is off.</exception>
    public CodeGrader(SandboxOptions? options = null, ReferenceSolver? solver = null)
    {
        _options = options ?? new SandboxOptions();
        _solver = solver;
        var layers = IsolationLayers.Detect();
        Warnings = [.. layers.Missing.Select(m => m.ToString())];
        if (layers.Missing.Count > 0 && !_options.AllowMissingLayers)
            throw new SandboxUnavailableException("code is not run: a sandbox layer is missing (set Sandbox:AllowMissingLayers only for development): "
                + string.Join("; ", layers.Missing));
        if (layers.Missing.Count > 0)
        {
            _isolation = "ran without isolation: " + string.Join(", ", layers.Missing.Select(m => m.Name));
            Console.Error.WriteLine($"warning: sandbox: {_isolation} (AllowMissingLayers is on)");
        }
        _layers = layers;
        _pool = new RunnerPool(layers, _options);
        _compiler = new CompilerProcess(layers, _options);
        _compiler.Warm();
        _tensor = new(StartTensorRuntime, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private TensorRuntime StartTensorRuntime()
    {
        var dir = TensorRunnerLocator.Find(_options);
        var options = _options with { MaxMemoryMb = Math.Max(_options.MaxMemoryMb, _options.TensorMaxMemoryMb) };
        return new TensorRuntime(new RunnerPool(_layers, options, dir, TensorRunnerLocator.RunnerDll, gpuDevices: true), [Path.Combine(dir, "TorchSharp.dll")]);
    }

    /// <summary>The isolation layers this machine lacks, with what to add (empty where every layer works).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Compiles and runs <paramref name="source"/> (a file with the question's class, or a C# script) against the tests of <paramref name="question"/>.</summary>
    /// <param name="seed">The seed of the random tests; prefer the overload with a <see cref="CodeSeed"/> (per student and attempt).</param>
    public Task<CodeRunResult> GradeAsync(CodeQuestion question, string source, long seed, CancellationToken ct) =>
        GradeAsync(question, source, seed, checkAllowlist: true, ct);

    /// <summary>Compiles and runs <paramref name="source"/> with random tests drawn for this exam seed, student and attempt.</summary>
    public Task<CodeRunResult> GradeAsync(CodeQuestion question, string source, CodeSeed seed, CancellationToken ct) =>
        GradeAsync(question, source, seed.Value, checkAllowlist: true, ct);

    /// <summary>Without the allowlist only in tests, which show that the process layers alone contain a submission.</summary>
    internal async Task<CodeRunResult> GradeAsync(CodeQuestion question, string source, long seed, bool checkAllowlist, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tests = TestInstances.Create(question, seed, _solver);
        var max = tests.Sum(t => t.Points);
        var tensor = question.Queue == "gpu" ? _tensor.Value : null;
        var compiled = await _compiler.CompileAsync(new CompileRequest(source, question.Entry.Class, question.Entry.Signature, question.Allow, checkAllowlist, tensor?.References), ct)
            .ConfigureAwait(false);
        if (!compiled.Succeeded)
        {
            return new CodeRunResult(compiled.FailureVerdict!, 0, max, compiled.Message,
                [.. tests.Select(t => new CodeTestResult(t.Name, compiled.FailureVerdict!, compiled.Message!, 0, t.Points, t.Visible))],
                new CodeTimings(compiled.Milliseconds, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds)) { Isolation = _isolation };
        }

        var runStarted = Stopwatch.GetTimestamp();
        var outcomes = await RunAsync(tensor?.Pool ?? _pool, question, compiled.Assembly!, tests, tensor is not null, ct).ConfigureAwait(false);
        var runMs = Stopwatch.GetElapsedTime(runStarted).TotalMilliseconds;
        var results = tests.Select((t, i) => Hide(Judge(question, t, outcomes[i]))).ToList();
        var verdict = results.Select(r => r.Verdict).Aggregate(Verdicts.Passed, Verdicts.Worst);
        return new CodeRunResult(verdict, results.Sum(r => r.Score), max, null, results,
            new CodeTimings(compiled.Milliseconds, runMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds)) { Isolation = _isolation };
    }

    /// <summary>What happened to one test in the child: its result frame, or the verdict and reason when there is none.</summary>
    private sealed record Outcome(JsonObject? Frame, string? Verdict, string? Message);

    private static async Task<List<Outcome>> RunAsync(RunnerPool pool, CodeQuestion question, byte[] assembly, IReadOnlyList<TestInstance> tests, bool tensor, CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        var restarts = 0;
        var encoded = Convert.ToBase64String(assembly);
        while (outcomes.Count < tests.Count)
        {
            if (restarts > MaxRestarts)
            {
                var last = outcomes[^1];
                while (outcomes.Count < tests.Count)
                    outcomes.Add(new Outcome(null, last.Verdict ?? Verdicts.RuntimeError, $"not run: the submission failed {restarts} times ({last.Message})"));
                break;
            }
            var remaining = tests.Skip(outcomes.Count).ToList();
            var child = await pool.TakeAsync(ct).ConfigureAwait(false);
            try
            {
                restarts += await RunInAsync(child, question, encoded, tests, remaining, outcomes, tensor, ct).ConfigureAwait(false);
            }
            finally
            {
                pool.Retire(child);
            }
        }
        return outcomes;
    }

    /// <summary>Runs <paramref name="remaining"/> in one child, adding an outcome per test it got to; 1 when the child ended early (a restart), else 0.</summary>
    private static async Task<int> RunInAsync(RunnerChild child, CodeQuestion question, string encoded, IReadOnlyList<TestInstance> tests,
        List<TestInstance> remaining, List<Outcome> outcomes, bool tensor, CancellationToken ct)
    {
        child.SetMemoryLimit(remaining.Max(t => t.Limits.MemoryMb));
        var key = RandomNumberGenerator.GetBytes(32);
        var job = new JsonObject
        {
            ["key"] = Convert.ToBase64String(key),
            ["assembly"] = encoded,
            ["type"] = question.Entry.Class,
            ["method"] = question.Entry.Method,
            ["arity"] = question.Entry.Parameters.Count,
            ["tests"] = new JsonArray([.. remaining.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Name,
                ["args"] = t.Args.DeepClone(),
                ["output_limit"] = t.Limits.OutputKb * 1024,
            })]),
        };
        child.Frames.MaxBytes = remaining.Max(t => t.Limits.OutputKb) * 1024 + 64 * 1024;
        child.Frames.Key = key;
        try
        {
            await child.SendAsync(JsonSerializer.SerializeToUtf8Bytes(job), ct).ConfigureAwait(false);
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
            var read = await child.Frames.ReadAsync(wait, ct).ConfigureAwait(false);
            if (read is { Status: FrameStatus.Frame, Payload: { } frame })
            {
                var kind = Text(frame, "kind");
                if (kind == "fatal")
                {
                    var message = $"{Text(frame, "exception")}: {Text(frame, "message")}";
                    while (outcomes.Count < tests.Count) outcomes.Add(new Outcome(null, Verdicts.RuntimeError, message));
                    break;
                }
                if (Text(frame, "name") != test.Name)
                {
                    read = new FrameRead(FrameStatus.Bad, null, $"a result for another test than '{test.Name}'");
                }
                else if (kind == "print_limit")
                {
                    // The child ends itself when the submission prints past the cap; the rest go to a fresh one.
                    outcomes.Add(new Outcome(null, Verdicts.OutputLimit, $"it printed more than the output limit of {test.Limits.OutputKb} KB"));
                    await child.EndAsync().ConfigureAwait(false);
                    return 1;
                }
                else
                {
                    outcomes.Add(new Outcome(frame, null, null));
                    continue;
                }
            }
            // A child whose channel closed is exiting (Environment.Exit, a crash): its own exit status says how.
            var exit = await child.EndAsync(read.Status == FrameStatus.Timeout ? TimeSpan.Zero : TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            outcomes.Add(read.Status switch
            {
                FrameStatus.Timeout => new Outcome(null, Verdicts.TimeLimit, $"stopped after {wait.TotalMilliseconds:0} ms (limit {test.Limits.TimeMs} ms)"),
                FrameStatus.Bad when !exit.HitMemoryLimit => new Outcome(null, Verdicts.RuntimeError, $"the child's result channel broke ({read.Problem}); the run was stopped"),
                _ => Died(exit, test, tensor),
            });
            return 1;
        }
        return 0;
    }

    /// <summary>Why a child ended without a result, from facts only: the memory cgroup's record, the exit status, and the runtime's own first line on stderr.</summary>
    private static Outcome Died(ChildExit exit, TestInstance test, bool tensor)
    {
        if (exit.HitMemoryLimit)
            return new Outcome(null, Verdicts.MemoryLimit, $"the submission used more than {test.Limits.MemoryMb} MB");
        // libtorch's C++ errors can end the process instead of reaching the submission; the C++ runtime's first line says so.
        if (tensor && exit.Stderr.StartsWith("terminate called after throwing an instance of 'c10::", StringComparison.Ordinal))
            return new Outcome(null, Verdicts.RuntimeError, $"libtorch stopped with an error (the tensors' shapes or dimensions do not fit the operation): {LibtorchMessage(exit.Stderr)}");
        if (exit.Stderr.StartsWith("Stack overflow.", StringComparison.Ordinal))
            return new Outcome(null, Verdicts.RuntimeError, "stack overflow (the process was ended)");
        return exit.ExitCode switch
        {
            152 or 158 => new Outcome(null, Verdicts.TimeLimit, "the CPU time limit was reached"), // SIGXCPU
            137 => new Outcome(null, Verdicts.RuntimeError, "the process was killed"),
            134 => new Outcome(null, Verdicts.RuntimeError, "the process aborted (an exception outside the entry point's call, or a fatal runtime error)"),
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

    private static string? Text(JsonObject frame, string key) => frame[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static CodeTestResult Judge(CodeQuestion question, TestInstance test, Outcome outcome)
    {
        CodeTestResult Fail(string verdict, string message) => new(test.Name, verdict, message, 0, test.Points, test.Visible);
        if (outcome.Verdict is { } verdict) return Fail(verdict, outcome.Message ?? "");
        var frame = outcome.Frame!;
        var message = Text(frame, "message") ?? "";
        switch (Text(frame, "kind"))
        {
            case "oom":
                return Fail(Verdicts.MemoryLimit, $"the submission used more than {test.Limits.MemoryMb} MB (the runtime ran out of memory)");
            case "stack":
                return Fail(Verdicts.RuntimeError, "stack overflow");
            case "native":
                return Fail(Verdicts.RuntimeError, $"libtorch stopped with an error: {message}");
            case "output_limit":
                return Fail(Verdicts.OutputLimit, $"the returned value is larger than the output limit of {test.Limits.OutputKb} KB");
            case "input" or "result":
                return Fail(Verdicts.RuntimeError, message);
            case "exception":
                return Fail(Verdicts.RuntimeError, $"{Text(frame, "exception") ?? "Exception"}: {message}");
            case { } other:
                return Fail(Verdicts.RuntimeError, $"the child reported '{other}', which the grader does not know");
        }
        var ms = frame["ms"] is JsonValue m && m.TryGetValue<double>(out var took) ? took : double.PositiveInfinity;
        if (ms > test.Limits.TimeMs) return Fail(Verdicts.TimeLimit, $"took {ms:0} ms (limit {test.Limits.TimeMs} ms)");
        var actual = frame["output"];
        try
        {
            if (test.Evaluation is var (evaluator, inputs)) actual = evaluator.Apply(actual, inputs);
            var difference = OutputComparer.FirstDifference(test.Expected, actual, question.Compare);
            return difference is null ? new CodeTestResult(test.Name, Verdicts.Passed, "", test.Points, test.Points, test.Visible) : Fail(Verdicts.WrongAnswer, difference);
        }
        catch (EvaluationException e)
        {
            return Fail(Verdicts.WrongAnswer, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException or OverflowException or JsonException)
        {
            // The returned value has a shape the comparison or the evaluator did not expect.
            return Fail(Verdicts.WrongAnswer, $"the returned value cannot be compared with the expected one ({e.Message})");
        }
    }

    /// <summary>A failing hidden test says only which kind of failure: nothing of its inputs, expected output or the submission's own message.</summary>
    private static CodeTestResult Hide(CodeTestResult result) =>
        result.Visible || result.Verdict == Verdicts.Passed ? result : result with { Message = $"{result.Verdict.Replace('_', ' ')} (hidden test)" };

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync().ConfigureAwait(false);
        await _compiler.DisposeAsync().ConfigureAwait(false);
        if (_tensor.IsValueCreated) await _tensor.Value.Pool.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
