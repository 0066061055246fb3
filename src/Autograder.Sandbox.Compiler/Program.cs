using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Sandbox.Compilation;
using Autograder.Sandbox.Protocol;

namespace Autograder.Sandbox.Compiler;

/// <summary>
/// The compiler process: compiles a small program to warm Roslyn, writes a ready frame, then answers one frame per
/// request (<c>{source, class, signature, allow, check_allowlist, references}</c>) with <c>{assembly | verdict, message, ms}</c>.
/// Compiling runs on a thread with a large stack; running out of memory answers with the limit and ends the process, which
/// the grader then restarts (as it does when the process dies or stops answering in time).
/// </summary>
internal static class Program
{
    private const int StackBytes = 256 << 20;

    private static int Main()
    {
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        var compiler = new SubmissionCompiler();
        _ = compiler.Compile(new CompileRequest("public static class Solution { public static int F(int x) => new List<int> { x }.Sum(); }", "Solution", "public static int F(int x)", []), CancellationToken.None);
        Send(output, new JsonObject { ["ready"] = true });
        while (Frames.Read(input, [], 64 << 20) is { } frame)
        {
            JsonObject reply;
            var exit = false;
            try
            {
                var request = JsonSerializer.Deserialize<CompileRequest>(frame, Json) ?? throw new JsonException("an empty request");
                CompileOutcome? outcome = null;
                Exception? failure = null;
                var thread = new Thread(() =>
                {
                    try
                    {
                        outcome = compiler.Compile(request, CancellationToken.None);
                    }
                    catch (Exception e) when (e is OutOfMemoryException or InsufficientExecutionStackException)
                    {
                        failure = e;
                    }
                }, StackBytes);
                thread.Start();
                thread.Join();
                reply = failure switch
                {
                    OutOfMemoryException => Failure(CompileOutcome.CompileError, "compiling the submission reached the compiler's memory limit"),
                    InsufficientExecutionStackException => Failure(CompileOutcome.CompileError, "the submission nests too deeply for the compiler (its stack limit)"),
                    _ => Reply(outcome!),
                };
                exit = failure is OutOfMemoryException;
                if (exit) reply["exiting"] = true;
            }
            catch (JsonException e)
            {
                reply = Failure(CompileOutcome.CompileError, $"the compile request is not valid: {e.Message}");
            }
            Send(output, reply);
            if (exit) return 3; // a heap that ran out may be in any state: the grader starts a fresh compiler
        }
        return 0;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static JsonObject Reply(CompileOutcome outcome)
    {
        var reply = new JsonObject { ["ms"] = outcome.Milliseconds };
        if (outcome.Assembly is { } assembly) reply["assembly"] = Convert.ToBase64String(assembly);
        else
        {
            reply["verdict"] = outcome.FailureVerdict;
            reply["message"] = outcome.Message;
        }
        return reply;
    }

    private static JsonObject Failure(string verdict, string message) => new() { ["verdict"] = verdict, ["message"] = message, ["ms"] = 0 };

    private static void Send(Stream output, JsonObject payload)
    {
        output.Write(Frames.Encode([], JsonSerializer.SerializeToUtf8Bytes(payload)));
        output.Flush();
    }
}
