using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class SoftmaxAttentionSolverTests
{
    private static readonly SoftmaxAttentionSolver Solver = new();

    [Fact]
    public void Solve_ScalesByInverseRootD_WhenScaleIsOmitted()
    {
        const string json = """{"keys": [[1, 0, 0, 0], [0, 0, 0, 2]], "values": [[1, 0], [0, 1]], "query": [2, 0, 0, 1]}""";

        var answers = SolverAssert.Solve(Solver, json);

        // d = 4, so the scale is 1/2: raw scores 2 and 2 become 1 and 1, an even split.
        Assert.Equal([1.0, 1], SolverAssert.Vector(answers["scores"]));
        SolverAssert.Close([0.5, 0.5], SolverAssert.Vector(answers["weights"]));
        SolverAssert.Close([0.5, 0.5], SolverAssert.Vector(answers["output"]));
    }

    [Fact]
    public void Solve_StaysFinite_WhenScoresAreHuge()
    {
        const string json = """{"keys": [[1000], [999]], "values": [[1], [0]], "query": [1], "scale": 1}""";

        var answers = SolverAssert.Solve(Solver, json);

        SolverAssert.Close([1 / (1 + Math.Exp(-1)), Math.Exp(-1) / (1 + Math.Exp(-1))], SolverAssert.Vector(answers["weights"]));
    }

    [Fact]
    public void Solve_MatchesDirectLoop_WhenInputsAreRandom()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 6), d = random.Next(1, 5), m = random.Next(1, 4);
            var keys = SolverAssert.RandomMatrix(random, n, d);
            var values = SolverAssert.RandomMatrix(random, n, m);
            var query = SolverAssert.RandomVector(random, d);
            var parameters = new JsonObject { ["keys"] = SolverAssert.ToJson(keys), ["values"] = SolverAssert.ToJson(values), ["query"] = SolverAssert.ToJson(query) };
            var scale = 1 / Math.Sqrt(d);
            if (trial % 2 == 1)
            {
                scale = Math.Round(random.NextDouble(), 2);
                parameters["scale"] = scale;
            }

            var answers = SolverAssert.Solve(Solver, parameters);

            var exps = new double[n];
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                var dot = 0.0;
                for (var j = 0; j < d; j++)
                {
                    dot += keys[i][j] * query[j];
                }

                exps[i] = Math.Exp(scale * dot);
                total += exps[i];
            }

            var output = new double[m];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    output[j] += exps[i] / total * values[i][j];
                }
            }

            SolverAssert.Close([.. exps.Select(e => e / total)], SolverAssert.Vector(answers["weights"]));
            SolverAssert.Close(output, SolverAssert.Vector(answers["output"]));
            SolverAssert.Close([.. exps.Select(e => Math.Log(e))], SolverAssert.Vector(answers["scores"]));
        }
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("values")]
    [InlineData("query")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["softmax-attention"], field), $"params.{field}");

    [Fact]
    public void Solve_ThrowsBadInputNamingScale_WhenScaleIsNotANumber() =>
        SolverAssert.Rejects(Solver, """{"keys": [[1]], "values": [[1]], "query": [1], "scale": "big"}""", "params.scale");
}
