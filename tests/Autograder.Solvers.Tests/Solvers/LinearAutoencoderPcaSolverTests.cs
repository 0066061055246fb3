using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class LinearAutoencoderPcaSolverTests
{
    private static readonly LinearAutoencoderPcaSolver Solver = new();

    [Fact]
    public void Solve_GivesAProjectionWhoseLossIsTheReportedMinimum_AndNoRandomRankKMapDoesBetter()
    {
        var random = new Random(41);
        for (var trial = 0; trial < 30; trial++)
        {
            int m = random.Next(2, 5), n = random.Next(3, 7), k = random.Next(1, m);
            var x = SolverAssert.RandomMatrix(random, m, n);
            JsonObject answers;
            try
            {
                answers = SolverAssert.Solve(Solver, new JsonObject { ["X"] = SolverAssert.ToJson(x), ["k"] = k });
            }
            catch (Core.Inputs.BadInputException)
            {
                continue; // a tie at the k-th eigenvalue
            }

            var projection = SolverAssert.Matrix(answers["projection"]);
            var minimum = SolverAssert.Number(answers["min_loss"]);
            SolverAssert.Close(minimum, Loss(x, projection), 1e-9);

            // A random W2 W1 of rank k: W2 = A (m × k), W1 = B (k × m), never below the minimum.
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var a = SolverAssert.RandomMatrix(random, m, k, 1);
                var b = SolverAssert.RandomMatrix(random, k, m, 1);
                var product = Enumerable.Range(0, m).Select(i => Enumerable.Range(0, m).Select(j => Enumerable.Range(0, k).Sum(c => a[i][c] * b[c][j])).ToArray()).ToArray();
                Assert.True(Loss(x, product) >= minimum - 1e-9);
            }
        }
    }

    [Fact]
    public void Solve_GivesEigenpairsOfTheCovariance()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 30; trial++)
        {
            var x = SolverAssert.RandomMatrix(random, 4, 6);
            var answers = SolverAssert.Solve(Solver, new JsonObject { ["X"] = SolverAssert.ToJson(x), ["k"] = 2 });
            var values = SolverAssert.Vector(answers["eigenvalues"]);
            var covariance = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 4).Select(j => x[i].Zip(x[j], (a, b) => a * b).Sum() / 6).ToArray()).ToArray();

            SolverAssert.Close(Enumerable.Range(0, 4).Sum(i => covariance[i][i]), values.Sum(), 1e-9);
            Assert.Equal(values.OrderDescending(), values);
            var components = SolverAssert.Matrix(answers["components"]);
            for (var c = 0; c < 2; c++)
            {
                var v = components[c];
                var cv = covariance.Select(row => row.Zip(v, (a, b) => a * b).Sum()).ToArray();
                SolverAssert.Close(v.Select(e => values[c] * e).ToArray(), cv, 1e-8);
            }
        }
    }

    [Theory]
    [InlineData("""{"X": [[1, 2], [3, 4]], "k": 2}""", "params.k")]
    [InlineData("""{"X": [[1, 0], [0, 1]], "k": 1}""", "params.k")]
    [InlineData("""{"X": [[1, 2], [3]], "k": 1}""", "params.X[1]")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    private static double Loss(double[][] x, double[][] product)
    {
        int m = x.Length, n = x[0].Length;
        var total = 0.0;
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                var reconstructed = Enumerable.Range(0, m).Sum(c => product[i][c] * x[c][j]);
                total += (x[i][j] - reconstructed) * (x[i][j] - reconstructed);
            }
        }

        return total / n;
    }
}
