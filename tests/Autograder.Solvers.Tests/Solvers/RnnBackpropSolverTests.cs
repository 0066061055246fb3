using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class RnnBackpropSolverTests
{
    private static readonly RnnBackpropSolver Solver = new();

    [Theory]
    [InlineData(0.5, 1, 2, 3)]
    [InlineData(-1.5, 0.3, -2, 4)]
    [InlineData(2, 1, 1, 1)]
    public void Solve_MatchesFa22Q5ClosedForms_WhenThreeStepsAreUnrolled(double w, double u1, double u2, double u3)
    {
        var parameters = new JsonObject { ["w"] = w, ["u"] = new JsonArray(u1, u2, u3) };

        var answers = SolverAssert.Solve(Solver, parameters);

        // Fa22 Q5: y = w·u3 + w²·u2 + w³·u1 and dy/dw = u3 + 2w·u2 + 3w²·u1.
        SolverAssert.Close((w * u3) + (w * w * u2) + (w * w * w * u1), SolverAssert.Number(answers["y"]));
        SolverAssert.Close(u3 + (2 * w * u2) + (3 * w * w * u1), SolverAssert.Number(answers["dy_dw"]));
    }

    [Fact]
    public void Solve_MatchesFiniteDifferences_WhenSequencesAreRandom()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var u = SolverAssert.RandomVector(random, random.Next(1, 8));
            var w = Math.Round(random.NextDouble() * 2.4 - 1.2, 2);
            double Unroll(double weight) => u.Aggregate(0.0, (h, input) => weight * (input + h));

            var answers = SolverAssert.Solve(Solver, new JsonObject { ["w"] = w, ["u"] = SolverAssert.ToJson(u) });

            SolverAssert.Close(Unroll(w), SolverAssert.Number(answers["y"]));
            const double h = 1e-6;
            SolverAssert.Close((Unroll(w + h) - Unroll(w - h)) / (2 * h), SolverAssert.Number(answers["dy_dw"]), 1e-6);
        }
    }

    [Theory]
    [InlineData("w")]
    [InlineData("u")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["rnn-backprop"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"w": 1, "u": []}""", "params.u")]
    [InlineData("""{"w": 1, "u": [1, null]}""", "params.u[1]")]
    [InlineData("""{"w": [1], "u": [1]}""", "params.w")]
    public void Solve_ThrowsBadInputNamingField_WhenValuesAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
