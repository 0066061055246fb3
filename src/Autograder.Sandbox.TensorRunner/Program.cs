using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Autograder.Sandbox.TensorRunner;

/// <summary>
/// One TorchSharp submission per process, with the protocol of Autograder.Sandbox.Runner: <c>{"ready":true}</c>, one job
/// line, one result line per test. A parameter of type <c>Tensor</c> receives its JSON nested array as a float64 tensor
/// on CUDA when libtorch sees a GPU, else on the CPU; a returned tensor goes back as a nested array. Reference answers
/// never come here.
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

    private static Device _device = CPU;

    private static int Main()
    {
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
            // Each test's tensors are freed when it ends, so one test's memory does not count against the next.
            using var scope = NewDisposeScope();
            protocol.WriteLine(RunTest(method, test!.AsObject(), sink, outputLimit).ToJsonString());
        }
        return 0;
    }

    private static JsonObject RunTest(MethodInfo method, JsonObject test, CappedWriter sink, int outputLimit)
    {
        var result = new JsonObject { ["name"] = test["name"]!.GetValue<string>(), ["device"] = _device.type.ToString().ToLowerInvariant() };
        var parameters = method.GetParameters();
        var args = test["args"]!.AsArray();
        var values = new object?[parameters.Length];
        try
        {
            for (var i = 0; i < parameters.Length; i++)
                values[i] = parameters[i].ParameterType == typeof(Tensor) ? ToTensor(args[i]) : args[i].Deserialize(parameters[i].ParameterType, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
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
            if (output is Tensor t && t.device_type == DeviceType.CUDA) cuda.synchronize();
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
            if (output is Tensor tensor)
            {
                if (tensor.numel() * 8 > outputLimit)
                {
                    result["output_overflow"] = true;
                    return result;
                }
                result["output"] = FromTensor(tensor);
                return result;
            }
            var bytes = method.ReturnType == typeof(void) ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(output, method.ReturnType, Options);
            if (bytes.Length > outputLimit)
            {
                result["output_overflow"] = true;
                return result;
            }
            result["output"] = JsonNode.Parse(bytes);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            result["error"] = "exception";
            result["exception"] = e.GetType().Name;
            result["message"] = Short($"the result cannot be read back: {e.Message}");
        }
        return result;
    }

    /// <summary>A nested JSON array of numbers (rectangular) as a float64 tensor on the chosen device; a number as a 0-d tensor.</summary>
    private static Tensor ToTensor(JsonNode? node)
    {
        var shape = new List<long>();
        for (var probe = node; probe is JsonArray a; probe = a.Count > 0 ? a[0] : null) shape.Add(a.Count);
        var flat = new List<double>();
        Flatten(node, shape, 0, flat);
        return tensor(flat.ToArray(), [.. shape], dtype: ScalarType.Float64, device: _device);
    }

    private static void Flatten(JsonNode? node, List<long> shape, int depth, List<double> flat)
    {
        if (depth == shape.Count)
        {
            flat.Add(node is JsonValue v ? v.Deserialize<double>(Options) : throw new FormatException("a tensor argument must be a rectangular array of numbers"));
            return;
        }
        if (node is not JsonArray a || a.Count != shape[depth]) throw new FormatException("a tensor argument must be a rectangular array of numbers");
        foreach (var item in a) Flatten(item, shape, depth + 1, flat);
    }

    /// <summary>A tensor as nested JSON arrays of doubles (NaN and infinities as strings, as the plain runner writes them).</summary>
    private static JsonNode FromTensor(Tensor value)
    {
        using var host = value.detach().to(ScalarType.Float64).cpu().contiguous();
        var data = host.data<double>().ToArray();
        var shape = host.shape;
        var index = 0;
        JsonNode Build(int depth)
        {
            if (depth == shape.Length)
            {
                var x = data[index++];
                return double.IsFinite(x) ? JsonValue.Create(x) : JsonValue.Create(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var array = new JsonArray();
            for (long i = 0; i < shape[depth]; i++) array.Add(Build(depth + 1));
            return array;
        }
        return Build(0);
    }

    private static string Short(string text) => text.Length <= 400 ? text : text[..400] + "...";

    private static void WarmUp()
    {
        // One core per child (the cpu cgroup gives no more), and libtorch loaded before the job arrives.
        set_num_threads(1);
        set_num_interop_threads(1);
        _device = cuda.is_available() ? CUDA : CPU;
        var node = JsonNode.Parse("{\"a\":[[1.0,2.0],[3.0,4.0]],\"b\":[1,2]}")!;
        using (NewDisposeScope())
        {
            var a = ToTensor(node["a"]);
            var product = nn.functional.softmax(matmul(a, a.transpose(0, 1)) / Math.Sqrt(2), -1);
            _ = FromTensor(product).ToJsonString();
        }
        _ = node["b"].Deserialize<double[]>(Options);
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
