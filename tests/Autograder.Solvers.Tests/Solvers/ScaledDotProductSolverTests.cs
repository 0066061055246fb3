using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class ScaledDotProductSolverTests
{
    private static readonly ScaledDotProductSolver Solver = new();

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void Solve_ReturnsVarianceD_WhenEntriesAreStandardNormal(int d)
    {
        var answers = SolverAssert.Solve(Solver, new JsonObject { ["d"] = d, ["mu"] = 0, ["sigma"] = 1 });

        Assert.Equal(0.0, SolverAssert.Number(answers["mean"]));
        Assert.Equal(d, SolverAssert.Number(answers["variance"]));
    }

    [Theory]
    [InlineData(3, 0.7, 1.3)]
    [InlineData(5, -1, 0.5)]
    [InlineData(2, 2, 0)]
    public void Solve_AgreesWithMonteCarlo_WhenEntriesAreGaussian(int d, double mu, double sigma)
    {
        var answers = SolverAssert.Solve(Solver, new JsonObject { ["d"] = d, ["mu"] = mu, ["sigma"] = sigma });

        var random = new Random(182);
        double Normal() => mu + (sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        const int samples = 200_000;
        double sum = 0, sumSquares = 0;
        for (var s = 0; s < samples; s++)
        {
            var dot = 0.0;
            for (var i = 0; i < d; i++)
            {
                dot += Normal() * Normal();
            }

            sum += dot;
            sumSquares += dot * dot;
        }

        var mean = sum / samples;
        var variance = (sumSquares / samples) - (mean * mean);
        var expectedVariance = SolverAssert.Number(answers["variance"]);
        Assert.InRange(SolverAssert.Number(answers["mean"]), mean - (5 * Math.Sqrt(expectedVariance / samples)) - 1e-12, mean + (5 * Math.Sqrt(expectedVariance / samples)) + 1e-12);
        Assert.InRange(expectedVariance, (variance * 0.95) - 1e-12, (variance * 1.05) + 1e-12);
    }

    [Theory]
    [InlineData("d")]
    [InlineData("mu")]
    [InlineData("sigma")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["scaled-dot-product"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"d": 0, "mu": 0, "sigma": 1}""", "params.d")]
    [InlineData("""{"d": 2.5, "mu": 0, "sigma": 1}""", "params.d")]
    [InlineData("""{"d": 2, "mu": 0, "sigma": -1}""", "params.sigma")]
    public void Solve_ThrowsBadInputNamingField_WhenValuesAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
