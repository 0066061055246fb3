using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class AdamStepSolverTests
{
    private static readonly AdamStepSolver Solver = new();

    [Fact]
    public void Solve_AppliesSp23Q9Updates_WhenStartingFromZeroMoments()
    {
        var answers = SolverAssert.Solve(Solver, """{"beta1": 0.9, "beta2": 0.999, "eta": 0.001, "g": 2, "m_prev": 0, "v_prev": 0, "theta_prev": 1}""");

        // m = 0.1·2 = 0.2, v = 0.001·4 = 0.004, θ = 1 − 0.001·0.2/√0.004.
        SolverAssert.Close(0.2, SolverAssert.Number(answers["m"]));
        SolverAssert.Close(0.004, SolverAssert.Number(answers["v"]));
        SolverAssert.Close(1 - (0.001 * 0.2 / Math.Sqrt(0.004)), SolverAssert.Number(answers["theta"]));
    }

    [Fact]
    public void Solve_MatchesScalarLoop_WhenStepsAreChained()
    {
        var random = new Random(14);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(1, 5);
            double beta1 = 0.9, beta2 = 0.99, eta = 0.01, eps = trial % 2 == 0 ? 0 : 1e-8;
            var theta = SolverAssert.RandomVector(random, n);
            var m = new double[n];
            var v = new double[n];
            var (expectedTheta, expectedM, expectedV) = ((double[])theta.Clone(), new double[n], new double[n]);
            for (var step = 0; step < 5; step++)
            {
                var g = SolverAssert.RandomVector(random, n);
                var parameters = new JsonObject
                {
                    ["beta1"] = beta1,
                    ["beta2"] = beta2,
                    ["eta"] = eta,
                    ["g"] = SolverAssert.ToJson(g),
                    ["m_prev"] = SolverAssert.ToJson(m),
                    ["v_prev"] = SolverAssert.ToJson(v),
                    ["theta_prev"] = SolverAssert.ToJson(theta),
                };
                if (eps > 0)
                {
                    parameters["eps"] = eps;
                }

                var answers = SolverAssert.Solve(Solver, parameters);
                (m, v, theta) = (SolverAssert.Vector(answers["m"]), SolverAssert.Vector(answers["v"]), SolverAssert.Vector(answers["theta"]));

                for (var i = 0; i < n; i++)
                {
                    expectedM[i] = (beta1 * expectedM[i]) + ((1 - beta1) * g[i]);
                    expectedV[i] = (beta2 * expectedV[i]) + ((1 - beta2) * g[i] * g[i]);
                    if (expectedM[i] != 0)
                    {
                        expectedTheta[i] -= eta * expectedM[i] / (Math.Sqrt(expectedV[i]) + eps);
                    }
                }

                SolverAssert.Close(expectedM, m);
                SolverAssert.Close(expectedV, v);
                SolverAssert.Close(expectedTheta, theta);
            }
        }
    }

    [Theory]
    [InlineData("beta1")]
    [InlineData("beta2")]
    [InlineData("eta")]
    [InlineData("g")]
    [InlineData("m_prev")]
    [InlineData("v_prev")]
    [InlineData("theta_prev")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["adam-step"], field), $"params.{field}");

    [Theory]
    [InlineData("m_prev", "[0]", "params.m_prev")]
    [InlineData("v_prev", "[0, -1]", "params.v_prev[1]")]
    [InlineData("theta_prev", "3", "params.theta_prev")]
    [InlineData("beta1", "1.5", "params.beta1")]
    [InlineData("eps", "-1", "params.eps")]
    public void Solve_ThrowsBadInputNamingField_WhenValuesAreInvalid(string field, string value, string path)
    {
        var parameters = SolverAssert.Parse(Samples.ById["adam-step"]);
        parameters[field] = JsonNode.Parse(value);

        SolverAssert.Rejects(Solver, parameters, path);
    }

    [Fact]
    public void Solve_ThrowsBadInputNamingEps_WhenStepWouldBeInfinite() =>
        SolverAssert.Rejects(Solver, """{"beta1": 0.9, "beta2": 0.999, "eta": 0.1, "g": 0, "m_prev": 1, "v_prev": 0, "theta_prev": 0}""", "params.eps");
}
