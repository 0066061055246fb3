using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class CnnLayerTableSolverTests
{
    private static readonly CnnLayerTableSolver Solver = new();

    [Fact]
    public void Solve_ReturnsFa22Q7aTable_WhenInputIs28x28x1()
    {
        var rows = SolverAssert.Solve(Solver, Samples.ById["cnn-layer-table"])["rows"]!.AsArray();

        (string Layer, long Params, long[] Activation)[] expected =
        [
            ("CONV3-10", (3 * 3 * 1 * 10) + 10, [28, 28, 10]),
            ("POOL2", 0, [14, 14, 10]),
            ("CONV3-10", (3 * 3 * 10 * 10) + 10, [14, 14, 10]),
            ("POOL2", 0, [7, 7, 10]),
            ("FLATTEN", 0, [490]),
            ("FC-3", (490 * 3) + 3, [3]),
        ];
        Assert.Equal(expected.Length, rows.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Layer, rows[i]!["layer"]!.GetValue<string>());
            Assert.Equal(expected[i].Params, rows[i]!["params"]!.GetValue<long>());
            Assert.Equal(expected[i].Activation, SolverAssert.Longs(rows[i]!["activation"]));
        }

        Assert.Equal([100L, 0, 910, 0, 0, 1473], rows.Select(r => r!["params"]!.GetValue<long>()));
    }

    [Fact]
    public void Solve_CountsFlattenedInputs_WhenFcFollowsAConvDirectly()
    {
        var rows = SolverAssert.Solve(Solver, """{"input": [5, 7, 3], "layers": ["conv5-4", "POOL3", "FC-2"]}""")["rows"]!.AsArray();

        Assert.Equal((5 * 5 * 3 * 4) + 4, rows[0]!["params"]!.GetValue<long>());
        Assert.Equal([1L, 2, 4], SolverAssert.Longs(rows[1]!["activation"]));
        Assert.Equal((8 * 2) + 2, rows[2]!["params"]!.GetValue<long>());
    }

    [Fact]
    public void Solve_MatchesExplicitWeightCount_WhenStacksAreRandom()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            int[] input = [random.Next(4, 40), random.Next(4, 40), random.Next(1, 5)];
            var (h, w, c) = (input[0], input[1], input[2]);
            var layers = new List<string>();
            var expected = new List<(long Params, long[] Shape)>();
            var flat = false;
            var depth = random.Next(1, 7);
            for (var i = 0; i < depth; i++)
            {
                var choice = random.Next(4);
                if (!flat && choice == 0)
                {
                    int k = (2 * random.Next(0, 3)) + 1, f = random.Next(1, 9);
                    layers.Add($"CONV{k}-{f}");
                    expected.Add((CountWeights([k, k, c, f]) + f, [h, w, f]));
                    c = f;
                }
                else if (!flat && choice == 1 && h >= 2 && w >= 2)
                {
                    var q = random.Next(2, Math.Min(h, w) + 1);
                    layers.Add($"POOL{q}");
                    (h, w) = (Windows(h, q), Windows(w, q));
                    expected.Add((0, [h, w, c]));
                }
                else if (choice == 2)
                {
                    var inputs = flat ? h : h * w * c;
                    var k = random.Next(1, 20);
                    layers.Add($"FC-{k}");
                    expected.Add((CountWeights([inputs, k]) + k, [k]));
                    (flat, h) = (true, k);
                }
                else
                {
                    h = flat ? h : h * w * c;
                    flat = true;
                    layers.Add("FLATTEN");
                    expected.Add((0, [h]));
                }
            }

            var parameters = new JsonObject
            {
                ["input"] = new JsonArray([.. input.Select(v => (JsonNode)v)]),
                ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)l)]),
            };

            var rows = SolverAssert.Solve(Solver, parameters)["rows"]!.AsArray();

            Assert.Equal(expected.Count, rows.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(layers[i], rows[i]!["layer"]!.GetValue<string>());
                Assert.Equal(expected[i].Params, rows[i]!["params"]!.GetValue<long>());
                Assert.Equal(expected[i].Shape, SolverAssert.Longs(rows[i]!["activation"]));
            }
        }
    }

    [Theory]
    [InlineData("input")]
    [InlineData("layers")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["cnn-layer-table"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"input": [8, 8, 1], "layers": ["CONV3-2", "DENSE"]}""", "params.layers[1]")]
    [InlineData("""{"input": [8, 8, 1], "layers": ["CONV4-2"]}""", "params.layers[0]")]
    [InlineData("""{"input": [8, 8, 1], "layers": ["CONV3-0"]}""", "params.layers[0]")]
    [InlineData("""{"input": [8, 8, 1], "layers": ["POOL9"]}""", "params.layers[0]")]
    [InlineData("""{"input": [8, 8, 1], "layers": ["FLATTEN", "POOL2"]}""", "params.layers[1]")]
    [InlineData("""{"input": [8, 8, 1], "layers": ["FLATTEN", "CONV3-1"]}""", "params.layers[1]")]
    [InlineData("""{"input": [8, 8], "layers": ["FLATTEN"]}""", "params.input")]
    [InlineData("""{"input": [8, 8, 1], "layers": [3]}""", "params.layers[0]")]
    [InlineData("""{"input": [8, 8, 1], "layers": ["CONV99999999999-1"]}""", "params.layers[0]")]
    [InlineData("""{"input": [2000000000, 2000000000, 2000000000], "layers": ["FC-2000000000"]}""", "params.layers[0]")]
    public void Solve_ThrowsBadInputNamingLayer_WhenLayerIsInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    private static long CountWeights(int[] dimensions)
    {
        // Counts one weight per index tuple, the way a framework allocates the tensor.
        long count = 0;
        var index = new int[dimensions.Length];
        while (true)
        {
            count++;
            var axis = dimensions.Length - 1;
            while (axis >= 0 && ++index[axis] == dimensions[axis])
            {
                index[axis--] = 0;
            }

            if (axis < 0)
            {
                return count;
            }
        }
    }

    private static int Windows(int size, int q)
    {
        var count = 0;
        for (var start = 0; start + q <= size; start += q)
        {
            count++;
        }

        return count;
    }
}
