using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Sandbox.Isolation;
using Autograder.Sandbox.Protocol;

namespace Autograder.Sandbox.Compilation;

/// <summary>
/// The one long-lived compiler process of a grader (Autograder.Sandbox.Compiler), so that Roslyn never runs in a worker or
/// web process: hostile source can overflow the compiler's stack, fold a constant into hundreds of MB or make overload
/// resolution run for minutes. It runs in a memory cgroup under a .NET heap limit; each compilation has a wall-clock limit.
/// When it dies, runs out of memory or stops answering, that submission gets a compile_error naming the limit, and a fresh
/// process starts at once for the next.
/// </summary>
internal sealed class CompilerProcess(IsolationLayers layers, SandboxOptions options) : IAsyncDisposable
{
    private const string Dll = "Autograder.Sandbox.Compiler.dll";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _start = new();
    private Task<Running>? _running;

    private sealed record Running(Process Process, FrameReader Frames, ChildCgroups Cgroups, StringBuilder Stderr) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                if (!Process.HasExited) Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            Cgroups.Dispose();
            Process.Dispose();
        }
    }

    /// <summary>Starts the process ahead of the first submission.</summary>
    public void Warm()
    {
        lock (_start) _running ??= Task.Run(Start);
    }

    public async Task<CompileOutcome> CompileAsync(CompileRequest request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        CompileOutcome Fail(string message) => new(null, CompileOutcome.CompileError, message, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (request.Source.Length > SubmissionCompiler.MaxSourceChars)
            return Fail($"the submission is longer than the source limit of {SubmissionCompiler.MaxSourceChars} characters");
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var running = await CurrentAsync().ConfigureAwait(false);
            if (running.Process.HasExited)
            {
                // It ended after its last answer (out of memory): the next submission gets a fresh one, not the blame.
                Restart(running);
                running = await CurrentAsync().ConfigureAwait(false);
            }
            var payload = JsonSerializer.SerializeToUtf8Bytes(request, Json);
            FrameRead answer;
            try
            {
                await running.Process.StandardInput.BaseStream.WriteAsync(Frames.Encode([], payload), ct).ConfigureAwait(false);
                await running.Process.StandardInput.BaseStream.FlushAsync(ct).ConfigureAwait(false);
                answer = await running.Frames.ReadAsync(TimeSpan.FromMilliseconds(options.CompileTimeoutMs), ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                answer = new FrameRead(FrameStatus.Closed, null);
            }
            if (answer is { Status: FrameStatus.Frame, Payload: { } reply })
            {
                var outcome = Read(reply, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (reply["exiting"] is not null || running.Process.HasExited) Restart(running);
                return outcome;
            }
            var why = Why(answer, running);
            Restart(running);
            return Fail(why);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Running> CurrentAsync()
    {
        Warm();
        try
        {
            return await _running!.ConfigureAwait(false);
        }
        catch
        {
            lock (_start) _running = null; // a failed start is retried by the next submission
            throw;
        }
    }

    private string Why(FrameRead answer, Running running)
    {
        if (answer.Status == FrameStatus.Timeout) return $"compiling the submission took longer than the compile time limit of {options.CompileTimeoutMs} ms";
        try
        {
            running.Process.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // not started
        }
        if (running.Cgroups.HitMemoryLimit()) return $"compiling the submission used more than the compiler's memory limit of {options.CompilerMemoryMb} MB";
        string stderr;
        lock (running.Stderr) stderr = running.Stderr.ToString();
        if (stderr.StartsWith("Stack overflow.", StringComparison.Ordinal)) return "the submission nests too deeply for the compiler (its stack limit)";
        return "the compiler stopped on this submission (" + (answer.Problem ?? $"exit code {(running.Process.HasExited ? running.Process.ExitCode : -1)}") + ")";
    }

    private void Restart(Running dead)
    {
        dead.Dispose();
        lock (_start) _running = Task.Run(Start);
    }

    private static CompileOutcome Read(JsonObject reply, double ms)
    {
        if (reply["assembly"] is JsonValue a && a.TryGetValue<string>(out var base64)) return new CompileOutcome(Convert.FromBase64String(base64), null, null, ms);
        var verdict = reply["verdict"] is JsonValue v && v.TryGetValue<string>(out var s) && s is CompileOutcome.ForbiddenApi ? s : CompileOutcome.CompileError;
        var message = reply["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : "the compiler gave no message";
        return new CompileOutcome(null, verdict, message, ms);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private Running Start()
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(SubmissionCompiler).Assembly.Location)!, Dll);
        if (!File.Exists(dll)) throw new InvalidOperationException($"the compiler process {Dll} is not beside {typeof(SubmissionCompiler).Assembly.Location}");
        var dotnetRoot = RunnerPool.DotnetRoot();
        var config = RuntimeConfig();
        var cgroups = ChildCgroups.Create(layers, ChildCgroups.NewId("compiler"), options.CompilerMemoryMb, maxProcesses: null, oneCore: false);
        try
        {
            var command = ChildCommand.JoinThenExec(cgroups.Directories, "").Concat([Path.Combine(dotnetRoot, "dotnet"), "exec", "--runtimeconfig", config, dll]).ToList();
            var info = new ProcessStartInfo(command[0])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
            info.Environment.Clear();
            info.Environment["PATH"] = "/usr/bin:/bin";
            info.Environment["HOME"] = Path.GetTempPath();
            info.Environment["DOTNET_EnableDiagnostics"] = "0";
            info.Environment["DOTNET_gcServer"] = "0";
            // Roslyn from NuGet is IL only: with PGO each hot method is compiled three times, which took a quarter of the CPU of back-to-back gradings.
            info.Environment["DOTNET_TieredPGO"] = "0";
            info.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.CompilerMemoryMb * 3 / 4 << 20).ToString("X", CultureInfo.InvariantCulture);
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the compiler process");
            var stderr = new StringBuilder();
            _ = PumpAsync(process.StandardError, stderr);
            var running = new Running(process, new FrameReader(process.StandardOutput.BaseStream) { MaxBytes = 64 << 20 }, cgroups, stderr);
            var ready = running.Frames.ReadAsync(TimeSpan.FromSeconds(60), CancellationToken.None).GetAwaiter().GetResult();
            if (ready.Status != FrameStatus.Frame)
            {
                running.Dispose();
                string text;
                lock (stderr) text = stderr.ToString();
                throw new InvalidOperationException($"the compiler process did not start ({ready.Problem ?? ready.Status.ToString()}): {text.Split('\n')[0]}");
            }
            return running;
        }
        catch
        {
            cgroups.Dispose();
            throw;
        }
    }

    /// <summary>A runtimeconfig for the compiler dll on this process's runtime (a referenced executable's own is not always copied).</summary>
    private static string RuntimeConfig()
    {
        var version = Path.GetFileName(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var file = Path.Combine(Path.GetTempPath(), $"autograder-compiler-{version}.runtimeconfig.json");
        var text = new JsonObject
        {
            ["runtimeOptions"] = new JsonObject
            {
                ["tfm"] = "net10.0",
                ["framework"] = new JsonObject { ["name"] = "Microsoft.NETCore.App", ["version"] = version },
                ["configProperties"] = new JsonObject { ["System.GC.Server"] = false, ["System.Globalization.Invariant"] = true },
            },
        }.ToJsonString();
        if (!File.Exists(file) || File.ReadAllText(file) != text)
        {
            var staging = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllText(staging, text);
            File.Move(staging, file, overwrite: true);
        }
        return file;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var chunk = new char[4096];
        try
        {
            int n;
            while ((n = await reader.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                lock (into)
                {
                    if (into.Length < 16 * 1024) into.Append(chunk, 0, Math.Min(n, 16 * 1024 - into.Length));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the process is gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is { } task)
        {
            try
            {
                (await task.ConfigureAwait(false)).Dispose();
            }
            catch (InvalidOperationException)
            {
                // it never started
            }
        }
        _gate.Dispose();
    }
}
