using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class ArgmaxAttentionSolverTests
{
    private static readonly ArgmaxAttentionSolver Solver = new();

    [Fact]
    public void Solve_ReturnsSecondValue_WhenInputsAreFa22Q6a()
    {
        var answers = SolverAssert.Solve(Solver, Samples.ById["argmax-attention"]);

        Assert.Equal([3.0, 11, 5, 2], SolverAssert.Vector(answers["scores"]));
        Assert.Equal([0.0, 1, 0, 0], SolverAssert.Vector(answers["weights"]));
        Assert.Equal([1.0, 4, 3], SolverAssert.Vector(answers["output"]));
    }

    [Fact]
    public void Solve_PicksFirstMaximum_WhenScoresTie()
    {
        const string json = """{"keys": [[1, 0], [0, 1], [1, 0]], "values": [[1], [2], [3]], "query": [2, 2]}""";

        var answers = SolverAssert.Solve(Solver, json);

        Assert.Equal([1.0, 0, 0], SolverAssert.Vector(answers["weights"]));
        Assert.Equal([1.0], SolverAssert.Vector(answers["output"]));
    }

    [Fact]
    public void Solve_MatchesDirectLoop_WhenInputsAreRandom()
    {
        var random = new Random(6);
        for (var trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 6), d = random.Next(1, 5), m = random.Next(1, 4);
            var keys = SolverAssert.RandomMatrix(random, n, d);
            var values = SolverAssert.RandomMatrix(random, n, m);
            var query = SolverAssert.RandomVector(random, d);
            var parameters = new JsonObject { ["keys"] = SolverAssert.ToJson(keys), ["values"] = SolverAssert.ToJson(values), ["query"] = SolverAssert.ToJson(query) };

            var answers = SolverAssert.Solve(Solver, parameters);

            var best = -1;
            var bestScore = double.NegativeInfinity;
            var scores = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    scores[i] += keys[i][j] * query[j];
                }

                if (scores[i] > bestScore)
                {
                    (best, bestScore) = (i, scores[i]);
                }
            }

            SolverAssert.Close(scores, SolverAssert.Vector(answers["scores"]));
            Assert.Equal(values[best], SolverAssert.Vector(answers["output"]));
        }
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("values")]
    [InlineData("query")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["argmax-attention"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"keys": [[1, 2], [1]], "values": [[1], [2]], "query": [1, 1]}""", "params.keys[1]")]
    [InlineData("""{"keys": [[1, 2], [1, 0]], "values": [[1]], "query": [1, 1]}""", "params.values")]
    [InlineData("""{"keys": [[1, 2], [1, 0]], "values": [[1], [2]], "query": [1, 1, 1]}""", "params.query")]
    [InlineData("""{"keys": [], "values": [], "query": []}""", "params.keys")]
    [InlineData("""{"keys": [[1, "a"]], "values": [[1]], "query": [1, 1]}""", "params.keys[0][1]")]
    public void Solve_ThrowsBadInputNamingField_WhenShapesDisagree(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
