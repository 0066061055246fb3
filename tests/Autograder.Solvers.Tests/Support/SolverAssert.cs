using System.Text.Json.Nodes;
using Autograder.Core.Inputs;

namespace Autograder.Solvers.Tests.Support;

/// <summary>Runs solvers the way the CLI sees them: params parsed from text, answers printed and read back.</summary>
internal static class SolverAssert
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Solve(ISolver solver, string json) => Solve(solver, Parse(json));

    public static JsonObject Solve(ISolver solver, JsonObject parameters) =>
        JsonNode.Parse(solver.Solve(parameters).ToJsonString())!.AsObject();

    public static BadInputException Rejects(ISolver solver, string json, string field) =>
        Rejects(solver, Parse(json), field);

    public static BadInputException Rejects(ISolver solver, JsonObject parameters, string field)
    {
        var error = Assert.Throws<BadInputException>(() => solver.Solve(parameters));
        Assert.Equal(field, error.Field);
        return error;
    }

    /// <summary>The params with one top-level property removed.</summary>
    public static JsonObject Without(string json, string name)
    {
        var parameters = Parse(json);
        Assert.True(parameters.Remove(name), $"the sample has no '{name}'");
        return parameters;
    }

    public static double Number(JsonNode? node) => node!.GetValue<double>();

    public static double[] Vector(JsonNode? node) => [.. node!.AsArray().Select(Number)];

    public static double[][] Matrix(JsonNode? node) => [.. node!.AsArray().Select(Vector)];

    public static long[] Longs(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<long>())];

    public static string[] Tokens(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];

    public static void Close(double expected, double actual, double tolerance = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-9)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Close(expected[i], actual[i], tolerance);
        }
    }

    public static void Close(IReadOnlyList<double[]> expected, IReadOnlyList<double[]> actual, double tolerance = 1e-9)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Close(expected[i], actual[i], tolerance);
        }
    }

    public static JsonArray ToJson(IEnumerable<double> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    public static JsonArray ToJson(IEnumerable<double[]> rows) => [.. rows.Select(r => (JsonNode)ToJson(r))];

    public static double[] RandomVector(Random random, int length, double scale = 3) =>
        [.. Enumerable.Range(0, length).Select(_ => Math.Round((random.NextDouble() * 2 - 1) * scale, 2))];

    public static double[][] RandomMatrix(Random random, int rows, int cols, double scale = 3) =>
        [.. Enumerable.Range(0, rows).Select(_ => RandomVector(random, cols, scale))];
}
