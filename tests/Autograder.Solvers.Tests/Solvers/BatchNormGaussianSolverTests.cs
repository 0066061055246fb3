using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class BatchNormGaussianSolverTests
{
    private static readonly BatchNormGaussianSolver Solver = new();

    [Theory]
    [InlineData(1.5, 0.4, -0.3, 2.0, 0.5, 1.5, 3.0, -1.0)]
    [InlineData(-2, 3, 0.8, 0.5, 1, 1, 0, 0)]
    [InlineData(0, 1, -0.6, 2, -2, 0.5, 1, 2)]
    public void Solve_MatchesBatchNormAppliedToALargeSample(double m1, double s1, double rho, double m2, double s2Scale, double gamma, double beta, double beta2)
    {
        var s2 = Math.Abs(s2Scale);
        var parameters = new JsonObject
        {
            ["mean"] = new JsonArray(m1, m2),
            ["std"] = new JsonArray(s1, s2),
            ["correlation"] = rho,
            ["gamma"] = new JsonArray(gamma, s2Scale < 0 ? -1 : 1),
            ["beta"] = new JsonArray(beta, beta2),
        };
        var answers = SolverAssert.Solve(Solver, parameters);

        // Draw a big batch of correlated Gaussians and run the batch-norm pseudocode on it.
        var random = new Random(3);
        const int m = 200_000;
        var x = new double[m, 2];
        for (var i = 0; i < m; i++)
        {
            double z1 = Normal(random), z2 = Normal(random);
            x[i, 0] = m1 + (s1 * z1);
            x[i, 1] = m2 + (s2 * ((rho * z1) + (Math.Sqrt(1 - (rho * rho)) * z2)));
        }

        var gammas = new[] { gamma, s2Scale < 0 ? -1.0 : 1.0 };
        var betas = new[] { beta, beta2 };
        var y = new double[m, 2];
        for (var f = 0; f < 2; f++)
        {
            var mean = Enumerable.Range(0, m).Average(i => x[i, f]);
            var variance = Enumerable.Range(0, m).Average(i => (x[i, f] - mean) * (x[i, f] - mean));
            for (var i = 0; i < m; i++)
            {
                y[i, f] = (gammas[f] * (x[i, f] - mean) / Math.Sqrt(variance + 1e-5)) + betas[f];
            }
        }

        var outMean = Enumerable.Range(0, 2).Select(f => Enumerable.Range(0, m).Average(i => y[i, f])).ToArray();
        var outStd = Enumerable.Range(0, 2).Select(f => Math.Sqrt(Enumerable.Range(0, m).Average(i => (y[i, f] - outMean[f]) * (y[i, f] - outMean[f])))).ToArray();
        var correlation = Enumerable.Range(0, m).Average(i => (y[i, 0] - outMean[0]) * (y[i, 1] - outMean[1])) / (outStd[0] * outStd[1]);

        SolverAssert.Close(outMean, SolverAssert.Vector(answers["mean"]), 1e-3);
        SolverAssert.Close(outStd, SolverAssert.Vector(answers["std"]), 1e-3);
        Assert.InRange(SolverAssert.Number(answers["correlation"]), correlation - 0.01, correlation + 0.01);
    }

    [Theory]
    [InlineData("""{"mean": [1], "std": [0]}""", "params.std[0]")]
    [InlineData("""{"mean": [1], "std": [1, 2]}""", "params.std")]
    [InlineData("""{"mean": [1, 2], "std": [1, 2], "correlation": 1}""", "params.correlation")]
    [InlineData("""{"mean": [1], "std": [1], "correlation": 0.5}""", "params.correlation")]
    [InlineData("""{"mean": [1, 2], "std": [1, 2], "gamma": [1]}""", "params.gamma")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
