using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class RnnBackpropEdgesSolverTests
{
    private static readonly RnnBackpropEdgesSolver Solver = new();

    [Fact]
    public void Solve_GivesEachEdgeItsFiniteDifference_WhenOneCopyOfTheWeightIsNudged()
    {
        // Untie the weight: step t uses w_t. The edge term of step t is ∂y/∂w_t, which we take by central differences.
        var random = new Random(11);
        for (var trial = 0; trial < 100; trial++)
        {
            var u = SolverAssert.RandomVector(random, random.Next(1, 7));
            var w = Math.Round((random.NextDouble() * 3) - 1.5, 2);
            double Untied(double[] weights) => u.Select((x, t) => (x, t)).Aggregate(0.0, (h, s) => weights[s.t] * (s.x + h));

            var answers = SolverAssert.Solve(Solver, new JsonObject { ["w"] = w, ["u"] = SolverAssert.ToJson(u) });

            var edges = SolverAssert.Vector(answers["edges"]);
            for (var t = 0; t < u.Length; t++)
            {
                const double h = 1e-6;
                var up = Enumerable.Repeat(w, u.Length).ToArray();
                var down = Enumerable.Repeat(w, u.Length).ToArray();
                up[t] += h;
                down[t] -= h;
                SolverAssert.Close((Untied(up) - Untied(down)) / (2 * h), edges[t], 1e-6);
            }
        }
    }

    [Fact]
    public void Solve_AgreesWithRnnBackprop_OnOutputAndTotalDerivative()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 100; trial++)
        {
            var parameters = new JsonObject
            {
                ["w"] = Math.Round((random.NextDouble() * 4) - 2, 2),
                ["u"] = SolverAssert.ToJson(SolverAssert.RandomVector(random, random.Next(1, 9))),
            };

            var edges = SolverAssert.Solve(Solver, parameters.DeepClone().AsObject());
            var plain = SolverAssert.Solve(new RnnBackpropSolver(), parameters);

            SolverAssert.Close(SolverAssert.Number(plain["y"]), SolverAssert.Number(edges["y"]));
            SolverAssert.Close(SolverAssert.Number(plain["dy_dw"]), SolverAssert.Number(edges["dy_dw"]));
            SolverAssert.Close(SolverAssert.Number(plain["dy_dw"]), SolverAssert.Vector(edges["edges"]).Sum());
        }
    }

    [Fact]
    public void Solve_GivesDyDpAsWCubed_WhenThreeStepsAreUnrolled()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 50; trial++)
        {
            var w = Math.Round((random.NextDouble() * 4) - 2, 2);
            var p = Math.Round(random.NextDouble() * 4, 2);
            double Y(double first) => w * (3 + (w * (2 + (w * first))));
            var answers = SolverAssert.Solve(Solver, new JsonObject { ["w"] = w, ["u"] = new JsonArray(p, 2, 3) });

            const double h = 1e-6;
            SolverAssert.Close((Y(p + h) - Y(p - h)) / (2 * h), SolverAssert.Vector(answers["dy_dsums"])[0], 1e-6);
        }
    }

    [Theory]
    [InlineData("""{"u": [1]}""", "params.w")]
    [InlineData("""{"w": 1, "u": []}""", "params.u")]
    [InlineData("""{"w": "x", "u": [1]}""", "params.w")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
