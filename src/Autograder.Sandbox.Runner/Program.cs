using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograder.Sandbox.Runner;

/// <summary>The child of plain C# questions: the common loop (<see cref="RunnerLoop"/>) with JSON arguments and results only.</summary>
internal static class Program
{
    private static int Main() => RunnerLoop.Run(new PlainHooks());

    private sealed class PlainHooks : IRunnerHooks
    {
        public void WarmUp()
        {
        }

        public bool TryConvertArgument(JsonNode? node, Type type, out object? value)
        {
            value = null;
            return false;
        }

        public bool TryWriteResult(object? output, Utf8JsonWriter writer, long limit) => false;

        public IDisposable? BeginTest() => null;

        public void AfterCall(object? output)
        {
        }

        public string? NativeError(Exception error) => null;

        public void Describe(Utf8JsonWriter writer)
        {
        }
    }
}
