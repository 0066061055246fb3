using System.Text.Json.Nodes;
using Autograder.Core.Inputs;

namespace Autograder.Solvers.Json;

/// <summary>Builds answer JSON: finite numbers only (JSON has no NaN or infinity), vectors as arrays, matrices as arrays of rows.</summary>
internal static class Answer
{
    public static JsonValue Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new BadInputException("params", "the answer is not a finite number; the inputs are too large or degenerate");
        }

        // -0 would print as "-0", which a reader comparing text would not expect.
        return JsonValue.Create(value == 0 ? 0.0 : value);
    }

    public static JsonArray Vector(IEnumerable<double> values) => [.. values.Select(v => (JsonNode)Number(v))];

    public static JsonArray Matrix(IEnumerable<IEnumerable<double>> rows) => [.. rows.Select(r => (JsonNode)Vector(r))];

    public static JsonArray Integers(IEnumerable<long> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    public static JsonArray Texts(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
