using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class LinearRnnAttentionSolverTests
{
    private static readonly LinearRnnAttentionSolver Solver = new();

    [Theory]
    [InlineData("[[0], [1]]")]
    [InlineData("[0, 1]")]
    public void Solve_ReturnsSecondValue_WhenInputsAreSp23Q5(string wu)
    {
        var parameters = SolverAssert.Parse(Samples.ById["linear-rnn-attention"]);
        parameters["W_u"] = JsonNode.Parse(wu);
        parameters.Remove("h0");

        var answers = SolverAssert.Solve(Solver, parameters);

        // By hand, W_h = [[-1, 2], [0, 1]], W_u = [0, 1]ᵀ, h0 = 0:
        // h1 = W_h·0 + [0, 1]·1 = [0, 1]
        // h2 = W_h·[0, 1] + [0, 1]·2 = [2, 1] + [0, 2] = [2, 3]
        // h3 = W_h·[2, 3] + [0, 1]·(−1) = [4, 3] + [0, −1] = [4, 2]
        // h_out = W_h·[4, 2] = [0, 2]
        Assert.Equal([[0.0, 1], [2, 3], [4, 2]], SolverAssert.Matrix(answers["hidden"]));
        // keys W_K = [[2, −1], [−1, 1]]: [−1, 1], [1, 1], [6, −2]; values W_V = [[1, 0], [−1, 1]]: [0, 1], [2, 1], [4, −2]
        Assert.Equal([[-1.0, 1], [1, 1], [6, -2]], SolverAssert.Matrix(answers["keys"]));
        Assert.Equal([[0.0, 1], [2, 1], [4, -2]], SolverAssert.Matrix(answers["values"]));
        // query W_Q·h_out = [[3, 1], [4, 2]]·[0, 2] = [2, 4]; scores −2+4 = 2, 2+4 = 6, 12−8 = 4
        Assert.Equal([2.0, 4], SolverAssert.Vector(answers["query"]));
        Assert.Equal([2.0, 6, 4], SolverAssert.Vector(answers["scores"]));
        Assert.Equal([2.0, 1], SolverAssert.Vector(answers["output"]));
    }

    [Fact]
    public void Solve_MatchesExplicitLoops_WhenInputsAreVectorsAndRandom()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 100; trial++)
        {
            int n = random.Next(1, 4), p = random.Next(1, 3), t = random.Next(1, 5), dk = random.Next(1, 4), dv = random.Next(1, 4);
            var wh = SolverAssert.RandomMatrix(random, n, n, 1);
            var wu = SolverAssert.RandomMatrix(random, n, p);
            var h0 = SolverAssert.RandomVector(random, n);
            var u = SolverAssert.RandomMatrix(random, t, p);
            var wk = SolverAssert.RandomMatrix(random, dk, n);
            var wv = SolverAssert.RandomMatrix(random, dv, n);
            var wq = SolverAssert.RandomMatrix(random, dk, n);
            var parameters = new JsonObject
            {
                ["W_h"] = SolverAssert.ToJson(wh),
                ["W_u"] = SolverAssert.ToJson(wu),
                ["h0"] = SolverAssert.ToJson(h0),
                ["u"] = SolverAssert.ToJson(u),
                ["W_K"] = SolverAssert.ToJson(wk),
                ["W_V"] = SolverAssert.ToJson(wv),
                ["W_Q"] = SolverAssert.ToJson(wq),
            };

            var answers = SolverAssert.Solve(Solver, parameters);

            static double[] Apply(double[][] m, double[] v)
            {
                var result = new double[m.Length];
                for (var i = 0; i < m.Length; i++)
                {
                    for (var j = 0; j < v.Length; j++)
                    {
                        result[i] += m[i][j] * v[j];
                    }
                }

                return result;
            }

            var states = new List<double[]>();
            var h = h0;
            foreach (var input in u)
            {
                var next = Apply(wh, h);
                var drive = Apply(wu, input);
                h = [.. next.Select((x, i) => x + drive[i])];
                states.Add(h);
            }

            var query = Apply(wq, Apply(wh, h));
            var scores = states.Select(s => Apply(wk, s).Select((k, i) => k * query[i]).Sum()).ToArray();
            var best = Array.IndexOf(scores, scores.Max());
            SolverAssert.Close(states, SolverAssert.Matrix(answers["hidden"]));
            SolverAssert.Close(scores, SolverAssert.Vector(answers["scores"]));
            SolverAssert.Close(Apply(wv, states[best]), SolverAssert.Vector(answers["output"]));
        }
    }

    [Theory]
    [InlineData("W_h")]
    [InlineData("W_u")]
    [InlineData("u")]
    [InlineData("W_K")]
    [InlineData("W_V")]
    [InlineData("W_Q")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["linear-rnn-attention"], field), $"params.{field}");

    [Theory]
    [InlineData("W_h", "[[1, 2, 3], [4, 5, 6]]", "params.W_h")]
    [InlineData("W_u", "[0, 1, 2]", "params.W_u")]
    [InlineData("u", "[[1, 2], [3, 4]]", "params.u")]
    [InlineData("u", "[1, [2]]", "params.u[1]")]
    [InlineData("h0", "[1]", "params.h0")]
    [InlineData("W_K", "[[1], [2]]", "params.W_K")]
    [InlineData("W_Q", "[[1, 0]]", "params.W_Q")]
    [InlineData("W_V", "[[1, 0], [1]]", "params.W_V[1]")]
    public void Solve_ThrowsBadInputNamingField_WhenShapesDisagree(string field, string value, string path)
    {
        var parameters = SolverAssert.Parse(Samples.ById["linear-rnn-attention"]);
        parameters[field] = JsonNode.Parse(value);

        SolverAssert.Rejects(Solver, parameters, path);
    }
}
