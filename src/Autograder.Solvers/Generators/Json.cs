using Autograder.Core.Inputs;
using System.Text.Json.Nodes;

namespace Autograder.Solvers.Generators;

internal static class J
{
    public static JsonArray Vector(IEnumerable<double> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(Clean(v)))];

    public static JsonArray Ints(IEnumerable<int> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    public static JsonArray Matrix(double[,] m) =>
        [.. Enumerable.Range(0, m.GetLength(0)).Select(i => (JsonNode)Vector(Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j])))];

    public static double[] Doubles(JsonNode? node) => node!.AsArray().Select(n => n!.AsDouble()).ToArray();

    /// <summary>Integral values are written as integers, so the JSON reads as a person would write it.</summary>
    private static double Clean(double v) => v == 0 ? 0 : v;
}
