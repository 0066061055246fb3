using System.Text.Json.Nodes;
using Autograder.Core.Formulas;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class GnnSolversTests
{
    private static readonly GnnUpdateValiditySolver Validity = new();
    private static readonly GnnSmallGraphSolver Graph = new();

    [Theory]
    // Fall 2022 midterm Q10a: the average and the component-wise max are valid.
    [InlineData("mean")]
    [InlineData("max")]
    [InlineData("sum")]
    [InlineData("tanh-mean")]
    [InlineData("attention")]
    [InlineData("scalar-product")]
    public void Solve_CallsRuleValid_WhenItIsASymmetricFunctionOfTheMessages(string rule)
    {
        var answers = SolverAssert.Solve(Validity, $$"""{"rules": ["{{rule}}"]}""");
        Assert.Equal("valid", answers["verdicts"]![0]!.GetValue<string>());
    }

    [Theory]
    // Each counterexample swaps two different neighbors and changes the result by hand.
    [InlineData("first-neighbor", 1.0, 2.0, 3.0)]
    [InlineData("position-weights", 1.0, 2.0, -1.0)]
    [InlineData("last-minus-first", 0.5, 4.0, 1.0)]
    public void Solve_CallsRuleInvalid_WhenSwappingTwoNeighborsChangesTheUpdate(string rule, double self, double m1, double m2)
    {
        // With w = 1 and per-position weights (1, 2): first-neighbor gives s + m1 vs s + m2; position-weights gives
        // s + m1 + 2 m2 vs s + m2 + 2 m1; last-minus-first gives s + (m2 − m1) vs s + (m1 − m2). All differ for m1 ≠ m2.
        double Update(double a, double b) => rule switch
        {
            "first-neighbor" => self + a,
            "position-weights" => self + a + (2 * b),
            _ => self + (b - a),
        };
        Assert.NotEqual(Update(m1, m2), Update(m2, m1));

        var answers = SolverAssert.Solve(Validity, $$"""{"rules": ["{{rule}}"]}""");
        Assert.Equal("invalid", answers["verdicts"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Solve_AcceptsBothVerdicts_OnlyForTheScalarProductRule()
    {
        var ids = GnnUpdateValiditySolver.RuleIds.ToArray();
        var answers = SolverAssert.Solve(Validity, new JsonObject { ["rules"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) });
        for (var i = 0; i < ids.Length; i++)
        {
            var same = answers["verdicts"]![i]!.GetValue<string>() == answers["also_accepted"]![i]!.GetValue<string>();
            Assert.Equal(ids[i] != "scalar-product", same);
        }
    }

    [Fact]
    public void Solve_GivesALossFormulaThatEvaluatesToTheMaskedBce_OnRandomGraphs()
    {
        var random = new Random(21);
        var variables = new HashSet<string>(["a", "b", "c", "d", "e"], StringComparer.Ordinal);
        for (var trial = 0; trial < 100; trial++)
        {
            var labels = Enumerable.Range(0, 5).Select(_ => random.Next(0, 2)).ToArray();
            var predictions = Enumerable.Range(0, 5).Select(_ => Math.Round(0.05 + (0.9 * random.NextDouble()), 2)).ToArray();
            var held = Enumerable.Range(1, 5).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
            var answers = SolverAssert.Solve(Graph, new JsonObject
            {
                ["nodes"] = 5,
                ["edges"] = new JsonArray(new JsonArray(1, 2)),
                ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]),
                ["held_out"] = new JsonArray([.. held.Select(h => (JsonNode)h)]),
                ["predictions"] = SolverAssert.ToJson(predictions),
            });
            var bce = SolverAssert.Solve(new GnnMaskedBceSolver(), new JsonObject
            {
                ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]),
                ["predictions"] = SolverAssert.ToJson(predictions),
                ["train_mask"] = new JsonArray([.. Enumerable.Range(1, 5).Select(n => (JsonNode)!held.Contains(n))]),
            });

            Assert.True(FormulaParser.TryParse(answers["loss_formula"]!.GetValue<string>(), variables, out var formula, out var error), error);
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < 5; i++) point[((char)('a' + i)).ToString()] = predictions[i];
            SolverAssert.Close(SolverAssert.Number(bce["loss"]), formula.Evaluate(point));
            SolverAssert.Close(SolverAssert.Number(bce["loss"]), SolverAssert.Number(answers["loss"]));
        }
    }

    [Fact]
    public void Solve_ListsTheNeighborsOfTheAdjacencyMatrix_OnRandomGraphs()
    {
        var random = new Random(22);
        for (var trial = 0; trial < 100; trial++)
        {
            var adjacency = new bool[6, 6];
            var edges = new JsonArray();
            for (var i = 1; i <= 5; i++)
            {
                for (var j = i + 1; j <= 5; j++)
                {
                    if (random.NextDouble() >= 0.5) continue;
                    adjacency[i, j] = adjacency[j, i] = true;
                    edges.Add(random.Next(2) == 0 ? new JsonArray(i, j) : new JsonArray(j, i));
                }
            }

            var answers = SolverAssert.Solve(Graph, new JsonObject
            {
                ["nodes"] = 5,
                ["edges"] = edges,
                ["labels"] = new JsonArray(0, 1, 0, 1, 0),
                ["held_out"] = new JsonArray(1),
                ["asked"] = new JsonArray(1, 2, 3, 4, 5),
                ["state_dim"] = 7,
                ["hidden_rows"] = 3,
            });

            for (var node = 1; node <= 5; node++)
            {
                var expected = Enumerable.Range(1, 5).Where(j => adjacency[node, j]).Select(j => j.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(expected, SolverAssert.Tokens(answers["neighbors"]![node - 1]));
            }

            Assert.Equal(new long[] { 7, 3 }, SolverAssert.Longs(answers["w1_shape"]));
        }
    }

    [Theory]
    [InlineData("""{"rules": ["no-such-rule"]}""", "params.rules[0]")]
    [InlineData("""{"rules": []}""", "params.rules")]
    public void Validity_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Validity, json, field);

    [Theory]
    [InlineData("""{"nodes": 3, "edges": [[1, 1]], "labels": [0, 1, 0], "held_out": [1]}""", "params.edges[0]")]
    [InlineData("""{"nodes": 3, "edges": [], "labels": [0, 1], "held_out": [1]}""", "params.labels")]
    [InlineData("""{"nodes": 2, "edges": [], "labels": [0, 1], "held_out": [1, 2]}""", "params.held_out")]
    [InlineData("""{"nodes": 2, "edges": [], "labels": [0, 1], "held_out": [3]}""", "params.held_out")]
    [InlineData("""{"nodes": 2, "edges": [], "labels": [0, 2], "held_out": [1]}""", "params.labels[1]")]
    public void Graph_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Graph, json, field);
}
