using System.Text.Json.Nodes;
using Autograder.Solvers;

namespace Autograder.Tensors.Tests.CrossChecks;

/// <summary>Calls a reference solver the way `autograder solve` does: JSON text in, JSON text out.</summary>
internal static class ReferenceSolver
{
    public const int CaseCount = 50;

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, CaseCount)];

    public static Random Random(int @case) => new(1234 + @case);

    public static JsonObject Solve(string id, JsonObject parameters)
    {
        var roundTripped = JsonNode.Parse(parameters.ToJsonString())!.AsObject();
        var answers = SolverRegistry.Get(id).Solve(roundTripped);
        return JsonNode.Parse(answers.ToJsonString())!.AsObject();
    }

    public static JsonArray Json(double[] values) => [.. values.Select(v => (JsonNode?)v)];

    public static JsonArray Json(int[] values) => [.. values.Select(v => (JsonNode?)v)];

    public static JsonArray Json(bool[] values) => [.. values.Select(v => (JsonNode?)v)];

    public static JsonArray Json(double[,] values) =>
        [.. Enumerable.Range(0, values.GetLength(0)).Select(i => (JsonNode?)Json(Row(values, i)))];

    public static double Number(JsonNode? node) => Required(node).GetValue<double>();

    public static double[] Vector(JsonNode? node) => [.. Required(node).AsArray().Select(Number)];

    public static int[] Integers(JsonNode? node) => [.. Required(node).AsArray().Select(n => Required(n).GetValue<int>())];

    public static double[,] Matrix(JsonNode? node)
    {
        var rows = Required(node).AsArray().Select(Vector).ToArray();
        var result = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(result.GetLength(1), rows[i].Length);
            for (int j = 0; j < rows[i].Length; j++)
                result[i, j] = rows[i][j];
        }
        return result;
    }

    private static double[] Row(double[,] values, int i) =>
        [.. Enumerable.Range(0, values.GetLength(1)).Select(j => values[i, j])];

    private static JsonNode Required(JsonNode? node) =>
        node ?? throw new Xunit.Sdk.XunitException("the solver's answers lack a required key or hold null");
}
