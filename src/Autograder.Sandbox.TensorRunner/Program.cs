using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Sandbox.Runner;
using TorchSharp;
using static TorchSharp.torch;

namespace Autograder.Sandbox.TensorRunner;

/// <summary>
/// The child of TorchSharp questions: the common loop (<see cref="RunnerLoop"/>) where a parameter of type <c>Tensor</c>
/// receives its JSON nested array as a float64 tensor on CUDA when libtorch sees a GPU, else on the CPU, and a returned
/// tensor goes back as a nested array. libtorch's own errors are reported as such (typed, on the result channel).
/// </summary>
internal static class Program
{
    private static int Main() => RunnerLoop.Run(new TensorHooks());

    private sealed class TensorHooks : IRunnerHooks
    {
        private Device _device = CPU;

        public void WarmUp()
        {
            // One core per child (the cpu cgroup gives no more), and libtorch loaded before the job arrives.
            set_num_threads(1);
            set_num_interop_threads(1);
            _device = cuda.is_available() ? CUDA : CPU;
            var node = JsonNode.Parse("[[1.0,2.0],[3.0,4.0]]")!;
            using (NewDisposeScope())
            {
                var a = ToTensor(node);
                var product = nn.functional.softmax(matmul(a, a.transpose(0, 1)) / Math.Sqrt(2), -1);
                using var writer = new Utf8JsonWriter(Stream.Null);
                Write(product, writer);
            }
        }

        public bool TryConvertArgument(JsonNode? node, Type type, out object? value)
        {
            value = type == typeof(Tensor) ? ToTensor(node) : null;
            return type == typeof(Tensor);
        }

        public bool TryWriteResult(object? output, Utf8JsonWriter writer, long limit)
        {
            if (output is not Tensor tensor) return false;
            if (tensor.numel() * 8 > limit) throw new OutputTooLargeException();
            Write(tensor, writer);
            return true;
        }

        public IDisposable? BeginTest() => NewDisposeScope();

        public void AfterCall(object? output)
        {
            if (output is Tensor t && t.device_type == DeviceType.CUDA) cuda.synchronize();
        }

        // TorchSharp raises libtorch's errors as ExternalException from its own code; submissions cannot name that type.
        public string? NativeError(Exception error) =>
            error is ExternalException && error.TargetSite?.DeclaringType?.Assembly == typeof(torch).Assembly ? error.Message.Split('\n', 2)[0].Trim() : null;

        public void Describe(Utf8JsonWriter writer) => writer.WriteString("device", _device.type.ToString().ToLowerInvariant());

        /// <summary>A nested JSON array of numbers (rectangular) as a float64 tensor on the chosen device; a number as a 0-d tensor.</summary>
        private Tensor ToTensor(JsonNode? node)
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
                flat.Add(node is JsonValue v ? v.Deserialize<double>(RunnerLoop.Json) : throw new FormatException("a tensor argument must be a rectangular array of numbers"));
                return;
            }
            if (node is not JsonArray a || a.Count != shape[depth]) throw new FormatException("a tensor argument must be a rectangular array of numbers");
            foreach (var item in a) Flatten(item, shape, depth + 1, flat);
        }

        /// <summary>A tensor as nested JSON arrays of doubles (NaN and infinities as strings, as the plain runner writes them).</summary>
        private static void Write(Tensor value, Utf8JsonWriter writer)
        {
            using var host = value.detach().to(ScalarType.Float64).cpu().contiguous();
            var data = host.data<double>().ToArray();
            var shape = host.shape;
            var index = 0;
            void Build(int depth)
            {
                if (depth == shape.Length)
                {
                    var x = data[index++];
                    if (double.IsFinite(x)) writer.WriteNumberValue(x);
                    else writer.WriteStringValue(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return;
                }
                writer.WriteStartArray();
                for (long i = 0; i < shape[depth]; i++) Build(depth + 1);
                writer.WriteEndArray();
            }
            Build(0);
        }
    }
}
