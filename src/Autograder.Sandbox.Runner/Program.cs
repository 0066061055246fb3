using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograder.Sandbox.Runner;

/// <summary>
/// One submission per process. Protocol on stdin/stdout, one JSON object per line:
/// the child writes <c>{"ready":true}</c>, reads one job <c>{"assembly", "type", "method", "output_limit", "tests": [{"name", "args"}]}</c>,
/// then writes one result line per test and exits. Reference answers never come here: only inputs go in, outputs come out.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        MaxDepth = 256,
    };

    private static int Main()
    {
        // The protocol stream is taken before any submission code runs; Console itself is replaced by capped sinks.
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        WarmUp();
        protocol.WriteLine("{\"ready\":true}");

        var line = input.ReadLine();
        if (string.IsNullOrWhiteSpace(line)) return 0;
        var job = JsonNode.Parse(line)!.AsObject();
        string? current = null;
        var outputLimit = job["output_limit"]?.GetValue<int>() ?? 65536;
        var sink = new CappedWriter(outputLimit, () =>
        {
            // Printing past the cap ends the process at once: the submission could catch an exception and go on printing.
            protocol.WriteLine(new JsonObject { ["name"] = current, ["output_overflow"] = true }.ToJsonString());
            Environment.Exit(0);
        });
        Console.SetOut(sink);
        Console.SetError(sink);
        Console.SetIn(TextReader.Null);

        MethodInfo method;
        try
        {
            var assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(Convert.FromBase64String(job["assembly"]!.GetValue<string>())));
            var typeName = job["type"]!.GetValue<string>();
            var methodName = job["method"]!.GetValue<string>();
            var type = assembly.GetType(typeName) ?? throw new MissingMemberException($"no public type '{typeName}' in the submission");
            var arity = job["arity"]!.GetValue<int>();
            method = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == methodName && m.GetParameters().Length == arity)
                ?? throw new MissingMemberException($"no public static method '{methodName}' with {arity} parameters in '{typeName}'");
        }
        catch (Exception e)
        {
            protocol.WriteLine(new JsonObject { ["fatal"] = true, ["exception"] = e.GetType().Name, ["message"] = Short(e.Message) }.ToJsonString());
            return 0;
        }

        foreach (var test in job["tests"]!.AsArray())
        {
            current = test!["name"]!.GetValue<string>();
            protocol.WriteLine(RunTest(method, test!.AsObject(), sink, outputLimit).ToJsonString());
        }
        return 0;
    }

    private static JsonObject RunTest(MethodInfo method, JsonObject test, CappedWriter sink, int outputLimit)
    {
        var result = new JsonObject { ["name"] = test["name"]!.GetValue<string>() };
        var parameters = method.GetParameters();
        var args = test["args"]!.AsArray();
        var values = new object?[parameters.Length];
        try
        {
            for (var i = 0; i < parameters.Length; i++)
                values[i] = args[i].Deserialize(parameters[i].ParameterType, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            result["error"] = "input";
            result["exception"] = e.GetType().Name;
            result["message"] = Short($"the inputs do not fit the entry point's parameters: {e.Message}");
            return result;
        }

        var watch = Stopwatch.StartNew();
        object? output;
        try
        {
            output = method.Invoke(null, values);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            result["ms"] = watch.Elapsed.TotalMilliseconds;
            var inner = e.InnerException is TypeInitializationException { InnerException: { } cause } ? cause : e.InnerException;
            result["error"] = "exception";
            result["exception"] = inner.GetType().Name;
            result["message"] = Short(inner.Message);
            result["output_overflow"] = sink.Overflowed;
            return result;
        }
        result["ms"] = watch.Elapsed.TotalMilliseconds;
        result["output_overflow"] = sink.Overflowed;
        try
        {
            // Bytes first: a huge result is refused by its size before anything is built from it.
            var bytes = method.ReturnType == typeof(void) ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(output, method.ReturnType, Options);
            if (bytes.Length > outputLimit)
            {
                result["output_overflow"] = true;
                return result;
            }
            result["output"] = JsonNode.Parse(bytes);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            result["error"] = "exception";
            result["exception"] = e.GetType().Name;
            result["message"] = Short($"the result cannot be written as JSON: {e.Message}");
        }
        return result;
    }

    private static string Short(string text) => text.Length <= 400 ? text : text[..400] + "...";

    private static void WarmUp()
    {
        // JIT the serializer paths the job will take before the job arrives, so the wait happens in the pool.
        var node = JsonNode.Parse("{\"a\":[1,2],\"b\":[[1.0]],\"c\":\"x\"}")!;
        _ = node["a"].Deserialize<double[]>(Options);
        _ = node["a"].Deserialize<int[]>(Options);
        _ = node["b"].Deserialize<double[][]>(Options);
        _ = JsonSerializer.SerializeToNode(new[] { 1.5, 2 }, typeof(double[]), Options)!.ToJsonString();
        _ = JsonSerializer.SerializeToNode(new[] { 1, 2 }, typeof(int[]), Options)!.ToJsonString();
        _ = JsonSerializer.SerializeToNode(new[] { "a" }, typeof(string[]), Options)!.ToJsonString();
        _ = JsonNode.Parse("3")!.Deserialize(typeof(int), Options);
        _ = JsonNode.Parse("3.5")!.Deserialize(typeof(double), Options);
        _ = JsonNode.Parse("\"s\"")!.Deserialize(typeof(string), Options);
        _ = JsonSerializer.SerializeToNode(1.5, typeof(double), Options);
        // The reflection call path the tests take, and the result line's writer.
        var probe = typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!;
        _ = probe.Invoke(null, [1, 2]);
        _ = new JsonObject { ["name"] = "warm", ["ms"] = 0.5, ["output"] = JsonSerializer.SerializeToNode(new[] { 1 }, typeof(int[]), Options) }.ToJsonString();
    }

    /// <summary>Keeps at most <c>limit</c> characters of what the submission prints and remembers whether it printed more.</summary>
    private sealed class CappedWriter(int limit, Action overflow) : TextWriter
    {
        private long _written;

        public bool Overflowed { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Count(1);

        public override void Write(string? value) => Count(value?.Length ?? 0);

        public override void Write(char[] buffer, int index, int count) => Count(count);

        private void Count(int chars)
        {
            _written += chars;
            if (_written <= limit || Overflowed) return;
            Overflowed = true;
            overflow();
        }
    }
}
