using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Sandbox.Protocol;
using Microsoft.Win32.SafeHandles;

namespace Autograder.Sandbox.Runner;

/// <summary>What a runner adds to the common loop: how its arguments and results cross as JSON (tensors, for the TorchSharp runner).</summary>
internal interface IRunnerHooks
{
    void WarmUp();

    /// <summary>Converts an argument the common JSON reader cannot; false to leave it to the reader.</summary>
    bool TryConvertArgument(JsonNode? node, Type type, out object? value);

    /// <summary>Writes a returned value the common serializer cannot; false to leave it to the serializer.</summary>
    bool TryWriteResult(object? output, Utf8JsonWriter writer, long limit);

    /// <summary>Scope of one test (the tensors it made are freed when it ends), or null.</summary>
    IDisposable? BeginTest();

    /// <summary>Waits for work the call queued (a GPU's), so that it counts in the test's time.</summary>
    void AfterCall(object? output);

    /// <summary>The native library's own message when <paramref name="error"/> is its error, else null.</summary>
    string? NativeError(Exception error);

    void Describe(Utf8JsonWriter writer);
}

/// <summary>The submission's result or its printing went past the test's output limit.</summary>
internal sealed class OutputTooLargeException() : Exception("the output is larger than the limit");

/// <summary>
/// One submission per process. The grader writes one job frame on stdin (<c>{key, assembly, type, method, arity,
/// tests: [{name, args, output_limit}]}</c>); results go back as frames signed with the job's key on file descriptor 3,
/// which the submission cannot reach (its Console is a capped sink, file descriptors 1 and 2 are not the channel).
/// Argument conversion, the call and the whole serialization of the result are inside each test's timed section.
/// Reference answers never come here: only inputs go in, outputs come out.
/// </summary>
internal static class RunnerLoop
{
    public const int MaxDepth = 64;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        MaxDepth = MaxDepth,
    };

    public static int Run(IRunnerHooks hooks)
    {
        Stream results;
        try
        {
            results = new FileStream(new SafeFileHandle(3, ownsHandle: true), FileAccess.Write, 1);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"the result channel (file descriptor 3) is not open: {e.Message}");
            return 2;
        }
        var channel = new ResultChannel(results);
        var input = Console.OpenStandardInput();
        hooks.WarmUp();
        WarmUp();
        channel.Send(w => w.WriteBoolean("ready", true));

        var jobBytes = Frames.Read(input, [], 256 << 20);
        if (jobBytes is null) return 0;
        var job = JsonNode.Parse(jobBytes)!.AsObject();
        channel.Key = Convert.FromBase64String(job["key"]!.GetValue<string>());
        string? current = null;
        var sink = new CappedWriter(() =>
        {
            // Printing past the cap ends the process at once: the submission could catch an exception and go on printing.
            channel.Send(w => { w.WriteString("name", current); w.WriteString("kind", "print_limit"); });
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
            var arity = job["arity"]!.GetValue<int>();
            var type = assembly.GetType(typeName) ?? throw new MissingMemberException($"no public type '{typeName}' in the submission");
            method = type.GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m => m.Name == methodName && m.GetParameters().Length == arity)
                ?? throw new MissingMemberException($"no single public static method '{methodName}' with {arity} parameters in '{typeName}'");
        }
        catch (Exception e)
        {
            channel.Send(w => { w.WriteString("kind", "fatal"); w.WriteString("exception", e.GetType().Name); w.WriteString("message", Short(e.Message)); });
            return 0;
        }

        foreach (var test in job["tests"]!.AsArray())
        {
            current = test!["name"]!.GetValue<string>();
            var limit = test["output_limit"]!.GetValue<long>();
            sink.Reset(limit);
            byte[] payload;
            using (hooks.BeginTest())
                payload = RunTest(hooks, method, current, test["args"]!.AsArray(), limit);
            channel.Send(payload);
        }
        return 0;
    }

    private static byte[] RunTest(IRunnerHooks hooks, MethodInfo method, string name, JsonArray args, long limit)
    {
        var buffer = new MemoryStream();
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        w.WriteString("name", name);
        hooks.Describe(w);
        var watch = Stopwatch.StartNew();
        var (kind, exception, message, output) = Call(hooks, method, args, limit);
        w.WriteNumber("ms", watch.Elapsed.TotalMilliseconds);
        if (kind is not null)
        {
            w.WriteString("kind", kind);
            if (exception is not null) w.WriteString("exception", exception);
            if (message is not null) w.WriteString("message", Short(message));
        }
        else
        {
            w.WritePropertyName("output");
            w.WriteRawValue(output!, skipInputValidation: true);
        }
        w.WriteEndObject();
        w.Flush();
        return buffer.ToArray();
    }

    /// <summary>Converts the arguments, calls the entry point and serializes its result, all timed; a failure as (kind, exception, message).</summary>
    private static (string? Kind, string? Exception, string? Message, byte[]? Output) Call(IRunnerHooks hooks, MethodInfo method, JsonArray args, long limit)
    {
        var parameters = method.GetParameters();
        var values = new object?[parameters.Length];
        try
        {
            for (var i = 0; i < parameters.Length; i++)
                values[i] = hooks.TryConvertArgument(args[i], parameters[i].ParameterType, out var converted) ? converted : args[i].Deserialize(parameters[i].ParameterType, Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return ("input", e.GetType().Name, $"the inputs do not fit the entry point's parameters: {e.Message}", null);
        }

        object? output;
        try
        {
            output = method.Invoke(null, values);
            hooks.AfterCall(output);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return Failure(hooks, e.InnerException is TypeInitializationException { InnerException: { } cause } ? cause : e.InnerException);
        }
        catch (Exception e) when (hooks.NativeError(e) is not null)
        {
            return Failure(hooks, e);
        }

        var capped = new CappedStream(limit);
        try
        {
            using (var writer = new Utf8JsonWriter(capped, new JsonWriterOptions { MaxDepth = MaxDepth + 1, SkipValidation = false }))
            {
                if (method.ReturnType == typeof(void)) writer.WriteNullValue();
                else if (!hooks.TryWriteResult(output, writer, limit)) JsonSerializer.Serialize(writer, output, method.ReturnType, Json);
            }
            return (null, null, null, capped.ToArray());
        }
        catch (OutputTooLargeException)
        {
            return ("output_limit", null, null, null);
        }
        catch (JsonException e)
        {
            return ("result", e.GetType().Name, $"the result cannot be written as JSON (nested more than {MaxDepth} levels, or a cycle): {e.Message}", null);
        }
        catch (Exception e) when (e is TargetInvocationException or TypeInitializationException && e.InnerException is not null)
        {
            return Failure(hooks, e.InnerException!);
        }
        catch (Exception e) when (e is not OutOfMemoryException && hooks.NativeError(e) is null && e.GetType().Assembly == typeof(JsonSerializer).Assembly)
        {
            return ("result", e.GetType().Name, $"the result cannot be written as JSON: {e.Message}", null);
        }
        catch (Exception e)
        {
            // The submission's own code ran while its lazily built result was written.
            return Failure(hooks, e);
        }
    }

    /// <summary>A typed report: the runtime's own out-of-memory and stack exceptions, the native library's errors, else the submission's exception.</summary>
    private static (string?, string?, string?, byte[]?) Failure(IRunnerHooks hooks, Exception e)
    {
        if (e.GetType() == typeof(OutOfMemoryException)) return ("oom", null, null, null);
        if (e.GetType() == typeof(InsufficientExecutionStackException)) return ("stack", null, null, null);
        if (hooks.NativeError(e) is { } native) return ("native", null, native, null);
        return ("exception", e.GetType().Name, e.Message, null);
    }

    private static string Short(string text) => text.Length <= 400 ? text : text[..400] + "...";

    private static void WarmUp()
    {
        // JIT the serializer paths the job will take before the job arrives, so the wait happens in the pool.
        var node = JsonNode.Parse("{\"a\":[1,2],\"b\":[[1.0]],\"c\":\"x\"}")!;
        _ = node["a"].Deserialize<double[]>(Json);
        _ = node["a"].Deserialize<int[]>(Json);
        _ = node["b"].Deserialize<double[][]>(Json);
        _ = JsonNode.Parse("3")!.Deserialize(typeof(int), Json);
        _ = JsonNode.Parse("3.5")!.Deserialize(typeof(double), Json);
        _ = JsonNode.Parse("\"s\"")!.Deserialize(typeof(string), Json);
        foreach (var (value, type) in new (object, Type)[] { (new[] { 1.5, 2 }, typeof(double[])), (new[] { 1, 2 }, typeof(int[])), (new[] { "a" }, typeof(string[])), (1.5, typeof(double)) })
        {
            var capped = new CappedStream(1024);
            using (var writer = new Utf8JsonWriter(capped)) JsonSerializer.Serialize(writer, value, type, Json);
            _ = capped.ToArray();
        }
        // The reflection call path the tests take, and the result frame's writer.
        var probe = typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!;
        _ = probe.Invoke(null, [1, 2]);
        _ = Frames.Encode(new byte[32], "{}"u8);
    }

    /// <summary>Result frames, one writer at a time, so a frame written from another thread cannot interleave with one in progress.</summary>
    private sealed class ResultChannel(Stream stream)
    {
        private readonly Lock _gate = new();

        public byte[] Key { get; set; } = [];

        public void Send(Action<Utf8JsonWriter> write)
        {
            var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                write(w);
                w.WriteEndObject();
            }
            Send(buffer.ToArray());
        }

        public void Send(byte[] payload)
        {
            lock (_gate)
            {
                stream.Write(Frames.Encode(Key, payload));
                stream.Flush();
            }
        }
    }

    /// <summary>A memory stream that refuses to grow past the test's output limit, so a huge result is stopped while it is written.</summary>
    private sealed class CappedStream(long limit) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > limit) throw new OutputTooLargeException();
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > limit) throw new OutputTooLargeException();
            base.Write(buffer);
        }

        public override void WriteByte(byte value)
        {
            if (Length + 1 > limit) throw new OutputTooLargeException();
            base.WriteByte(value);
        }
    }

    /// <summary>Counts what the submission prints in the current test (reset per test) and ends the process past the limit; keeps nothing.</summary>
    private sealed class CappedWriter(Action overflow) : TextWriter
    {
        private long _written;
        private long _limit = long.MaxValue;
        private int _overflowed;

        public override Encoding Encoding => Encoding.UTF8;

        public void Reset(long limit)
        {
            Interlocked.Exchange(ref _written, 0);
            Interlocked.Exchange(ref _limit, limit);
        }

        public override void Write(char value) => Count(1);

        public override void Write(string? value) => Count(value?.Length ?? 0);

        public override void Write(ReadOnlySpan<char> buffer) => Count(buffer.Length);

        public override void Write(char[] buffer, int index, int count)
        {
            // The checks of TextWriter itself: a negative count must not wind the counter back.
            ArgumentNullException.ThrowIfNull(buffer);
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (buffer.Length - index < count) throw new ArgumentException("index and count reach past the end of the buffer", nameof(count));
            Count(count);
        }

        private void Count(int chars)
        {
            if (Interlocked.Add(ref _written, chars) <= Interlocked.Read(ref _limit)) return;
            if (Interlocked.Exchange(ref _overflowed, 1) == 0) overflow();
            Environment.Exit(0); // a second thread printing past the limit waits for nothing
        }
    }
}
