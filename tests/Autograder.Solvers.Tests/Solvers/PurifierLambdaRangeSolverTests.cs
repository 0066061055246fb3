using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class PurifierLambdaRangeSolverTests
{
    private static readonly PurifierLambdaRangeSolver Solver = new();

    [Fact]
    public void Solve_ReturnsClosedInterval1To4_WhenInputsAreSp23Q10c()
    {
        var interval = SolverAssert.Solve(Solver, Samples.ById["purifier-lambda-range"])["interval"]!;

        // σ_3 = 4 must keep 0.8: λ ≤ 16·0.2/0.8 = 4; σ_4 = 1 may keep 0.5: λ ≥ 1·0.5/0.5 = 1.
        Assert.Equal(1.0, SolverAssert.Number(interval["low"]));
        Assert.Equal(4.0, SolverAssert.Number(interval["high"]));
        Assert.True(interval["low_inclusive"]!.GetValue<bool>());
        Assert.True(interval["high_inclusive"]!.GetValue<bool>());
    }

    [Fact]
    public void Solve_ReturnsNull_WhenBoundaryDirectionsAreEqual()
    {
        var answers = SolverAssert.Solve(Solver, """{"singular_values": [3, 2, 2], "keep": 2, "preserve": 0.8, "attenuate": 0.5}""");

        Assert.True(answers.ContainsKey("interval"));
        Assert.Null(answers["interval"]);
    }

    [Fact]
    public void Solve_StartsAtZero_WhenEveryDirectionIsKept()
    {
        var interval = SolverAssert.Solve(Solver, """{"singular_values": [1, 3], "keep": 2, "preserve": 0.9, "attenuate": 0.1}""")["interval"]!;

        Assert.Equal(0.0, SolverAssert.Number(interval["low"]));
        SolverAssert.Close(1.0 / 9, SolverAssert.Number(interval["high"]));
    }

    [Fact]
    public void Solve_SortsSingularValues_WhenTheyAreGivenInAnyOrder()
    {
        var interval = SolverAssert.Solve(Solver, """{"singular_values": [0.5, 1, 10, 4, 8], "keep": 3, "preserve": 0.8, "attenuate": 0.5}""")["interval"]!;

        Assert.Equal(1.0, SolverAssert.Number(interval["low"]));
        Assert.Equal(4.0, SolverAssert.Number(interval["high"]));
    }

    [Fact]
    public void Solve_AgreesWithGridSearch_WhenSpectraAreRandom()
    {
        var random = new Random(10);
        var nulls = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var sigmas = Enumerable.Range(0, random.Next(1, 8)).Select(_ => Math.Round(random.NextDouble() * 10, 2)).ToArray();
            var keep = random.Next(1, sigmas.Length + 1);
            var preserve = random.Next(1, 21) / 20.0;
            var attenuate = random.Next(0, 21) / 20.0;
            var parameters = new JsonObject
            {
                ["singular_values"] = SolverAssert.ToJson(sigmas),
                ["keep"] = keep,
                ["preserve"] = preserve,
                ["attenuate"] = attenuate,
            };
            var sorted = sigmas.OrderDescending().ToArray();
            bool Satisfies(double lambda, double slack) =>
                sorted.Take(keep).All(s => Fraction(s, lambda) >= preserve - slack)
                && sorted.Skip(keep).All(s => Fraction(s, lambda) <= attenuate + slack);

            var interval = SolverAssert.Solve(Solver, parameters)["interval"];

            var top = (1.5 * sorted[0] * sorted[0] * 20) + 1;
            var grid = Enumerable.Range(0, 4001).Select(i => top * i / 4000).ToArray();
            if (interval is null)
            {
                nulls++;
                Assert.DoesNotContain(grid, lambda => Satisfies(lambda, 0));
                continue;
            }

            var low = SolverAssert.Number(interval["low"]);
            var high = SolverAssert.Number(interval["high"]);
            Assert.True(Satisfies(low, 1e-12) && Satisfies(high, 1e-12) && Satisfies((low + high) / 2, 0), $"trial {trial}: [{low}, {high}]");
            Assert.False(Satisfies((high * (1 + 1e-6)) + 1e-9, 0), $"trial {trial}: just above {high} still satisfies");
            if (low > 0)
            {
                Assert.False(Satisfies(low * (1 - 1e-6), 0), $"trial {trial}: just below {low} still satisfies");
            }

            foreach (var lambda in grid.Where(l => Math.Abs(l - low) > 1e-9 * (1 + low) && Math.Abs(l - high) > 1e-9 * (1 + high)))
            {
                Assert.Equal(lambda >= low && lambda <= high, Satisfies(lambda, 0));
            }
        }

        Assert.InRange(nulls, 1, 299);
    }

    [Theory]
    [InlineData("singular_values")]
    [InlineData("keep")]
    [InlineData("preserve")]
    [InlineData("attenuate")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["purifier-lambda-range"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"singular_values": [3, 2], "keep": 3, "preserve": 0.8, "attenuate": 0.5}""", "params.keep")]
    [InlineData("""{"singular_values": [3, 2], "keep": 0, "preserve": 0.8, "attenuate": 0.5}""", "params.keep")]
    [InlineData("""{"singular_values": [3, 2], "keep": 1, "preserve": 0, "attenuate": 0.5}""", "params.preserve")]
    [InlineData("""{"singular_values": [3, 2], "keep": 1, "preserve": 1.2, "attenuate": 0.5}""", "params.preserve")]
    [InlineData("""{"singular_values": [3, 2], "keep": 1, "preserve": 0.8, "attenuate": -0.1}""", "params.attenuate")]
    [InlineData("""{"singular_values": [3, -2], "keep": 1, "preserve": 0.8, "attenuate": 0.5}""", "params.singular_values[1]")]
    public void Solve_ThrowsBadInputNamingField_WhenValuesAreOutOfRange(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    private static double Fraction(double sigma, double lambda) => sigma == 0 ? 0 : sigma * sigma / ((sigma * sigma) + lambda);
}
