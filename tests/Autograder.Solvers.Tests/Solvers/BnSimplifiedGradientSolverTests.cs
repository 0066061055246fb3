using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class BnSimplifiedGradientSolverTests
{
    private static readonly BnSimplifiedGradientSolver Solver = new();

    [Fact]
    public void Solve_ReturnsZero_WhenBatchHasOneElementAsInSp23Q8b()
    {
        var answers = SolverAssert.Solve(Solver, """{"x": [3.7], "dL_dy": [-2.5], "gamma": 1.3, "beta": 0.4}""");

        Assert.Equal([0.0], SolverAssert.Vector(answers["dL_dx"]));
    }

    [Fact]
    public void Solve_PrintsPlainZero_WhenGammaIsNegativeAndGradientVanishes()
    {
        var answers = Solver.Solve(SolverAssert.Parse("""{"x": [1, 2], "dL_dy": [3, 3], "gamma": -1, "beta": 0}"""));

        Assert.Equal("[0,0]", answers["dL_dx"]!.ToJsonString());
    }

    [Fact]
    public void Solve_SubtractsMeanUpstream_WhenBatchIsSmall()
    {
        var answers = SolverAssert.Solve(Solver, Samples.ById["bn-simplified-gradient"]);

        // mean(dL/dy) = 0.5, γ = 2.
        SolverAssert.Close([0.0, -3, 3], SolverAssert.Vector(answers["dL_dx"]));
    }

    [Fact]
    public void Solve_MatchesFiniteDifferences_WhenLossIsQuadratic()
    {
        var random = new Random(8);
        for (var trial = 0; trial < 100; trial++)
        {
            var n = random.Next(1, 7);
            var x = SolverAssert.RandomVector(random, n);
            var c = SolverAssert.RandomVector(random, n);
            var gamma = Math.Round(random.NextDouble() * 4 - 2, 2);
            var beta = Math.Round(random.NextDouble() * 4 - 2, 2);

            // L(y) = Σ c_j y_j² / 2 + Σ y_j, so dL/dy_j = c_j y_j + 1.
            double[] Forward(double[] input)
            {
                var mean = input.Average();
                return [.. input.Select(v => (gamma * (v - mean)) + beta)];
            }

            double Loss(double[] input) => Forward(input).Select((y, j) => (c[j] * y * y / 2) + y).Sum();

            var upstream = Forward(x).Select((y, j) => (c[j] * y) + 1).ToArray();
            var parameters = new JsonObject { ["x"] = SolverAssert.ToJson(x), ["dL_dy"] = SolverAssert.ToJson(upstream), ["gamma"] = gamma, ["beta"] = beta };

            var gradient = SolverAssert.Vector(SolverAssert.Solve(Solver, parameters)["dL_dx"]);

            const double h = 1e-5;
            for (var i = 0; i < n; i++)
            {
                var plus = (double[])x.Clone();
                var minus = (double[])x.Clone();
                plus[i] += h;
                minus[i] -= h;
                SolverAssert.Close((Loss(plus) - Loss(minus)) / (2 * h), gradient[i], 1e-6);
            }
        }
    }

    [Theory]
    [InlineData("x")]
    [InlineData("dL_dy")]
    [InlineData("gamma")]
    [InlineData("beta")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["bn-simplified-gradient"], field), $"params.{field}");

    [Fact]
    public void Solve_ThrowsBadInputNamingUpstream_WhenLengthsDiffer() =>
        SolverAssert.Rejects(Solver, """{"x": [1, 2], "dL_dy": [1], "gamma": 1, "beta": 0}""", "params.dL_dy");
}
