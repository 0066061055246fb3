using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class DropoutTikhonovSolverTests
{
    private static readonly DropoutTikhonovSolver Solver = new();

    [Fact]
    public void Solve_GivesTheExpectedLoss_OfEveryDropoutMaskWeighted()
    {
        var random = new Random(31);
        for (var trial = 0; trial < 40; trial++)
        {
            int n = random.Next(1, 4), d = random.Next(1, 4);
            var x = SolverAssert.RandomMatrix(random, n, d);
            if (Enumerable.Range(0, d).Any(j => x.All(row => row[j] == 0))) continue;
            var y = SolverAssert.RandomVector(random, n);
            var w = SolverAssert.RandomVector(random, d);
            var p = Math.Round(0.1 + (0.8 * random.NextDouble()), 2);

            var expectation = 0.0;
            for (var mask = 0; mask < 1 << (n * d); mask++)
            {
                var probability = 1.0;
                var loss = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var prediction = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        var kept = (mask >> ((i * d) + j) & 1) == 1;
                        probability *= kept ? p : 1 - p;
                        prediction += kept ? x[i][j] * w[j] : 0;
                    }

                    loss += (y[i] - prediction) * (y[i] - prediction);
                }

                expectation += probability * loss;
            }

            var answers = SolverAssert.Solve(Solver, new JsonObject
            {
                ["X"] = SolverAssert.ToJson(x),
                ["p"] = p,
                ["w_dropout"] = SolverAssert.ToJson(w),
                ["y"] = SolverAssert.ToJson(y),
            });
            SolverAssert.Close(expectation, SolverAssert.Number(answers["expected_loss"]), 1e-9);
        }
    }

    [Fact]
    public void Solve_GivesAnXTildeWhoseRidgeSolutionMapsBackToTheTikhonovSolution()
    {
        // Solve (12) with Γ directly and ridge (λ = 1) on X̃ = XΓ⁻¹, by gradient descent each, and compare w with Γ⁻¹w̃.
        var random = new Random(32);
        for (var trial = 0; trial < 20; trial++)
        {
            var x = SolverAssert.RandomMatrix(random, 4, 2);
            var y = SolverAssert.RandomVector(random, 4);
            var p = Math.Round(0.2 + (0.6 * random.NextDouble()), 2);
            var answers = SolverAssert.Solve(Solver, new JsonObject { ["X"] = SolverAssert.ToJson(x), ["p"] = p });
            var gamma = SolverAssert.Vector(answers["gamma"]);
            var xTilde = SolverAssert.Matrix(answers["X_tilde"]);

            var w = Minimize(x, y, gamma);
            var wTilde = Minimize(xTilde, y, [1, 1]);
            SolverAssert.Close(w, [.. wTilde.Select((v, j) => v / gamma[j])], 1e-6);
            SolverAssert.Close([1.0, 1.0], SolverAssert.Vector(answers["X_tilde_column_norms"]).Select(v => v / Math.Sqrt(p / (1 - p))).ToArray(), 1e-9);
        }
    }

    [Theory]
    [InlineData("""{"X": [[1, 0], [2, 0]], "p": 0.5}""", "params.X")]
    [InlineData("""{"X": [[1]], "p": 1}""", "params.p")]
    [InlineData("""{"X": [[1]], "p": 0.5, "w_dropout": [1, 2]}""", "params.w_dropout")]
    [InlineData("""{"X": [[1]], "p": 0.5, "y": [1]}""", "params.w_dropout")]
    [InlineData("""{"X": [[1]], "p": 0.5, "w_dropout": [1], "y": [1, 2]}""", "params.y")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    /// <summary>Gradient descent on ‖y − Xw‖² + Σ (g_j w_j)².</summary>
    private static double[] Minimize(double[][] x, double[] y, double[] g)
    {
        var w = new double[x[0].Length];
        var scale = x.Sum(row => row.Sum(v => v * v)) + g.Sum(v => v * v);
        for (var step = 0; step < 20_000; step++)
        {
            var gradient = new double[w.Length];
            for (var i = 0; i < x.Length; i++)
            {
                var residual = x[i].Select((v, j) => v * w[j]).Sum() - y[i];
                for (var j = 0; j < w.Length; j++) gradient[j] += 2 * residual * x[i][j];
            }

            for (var j = 0; j < w.Length; j++) w[j] -= (gradient[j] + (2 * g[j] * g[j] * w[j])) / (2 * scale);
        }

        return w;
    }
}
