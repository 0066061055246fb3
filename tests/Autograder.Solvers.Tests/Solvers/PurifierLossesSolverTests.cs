using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class PurifierLossesSolverTests
{
    private static readonly PurifierLossesSolver Solver = new();

    private const string Sp23X = "[[-2.17, 1.98, 2.41, -2.03], [0.02, -0.01, 0.01, -0.02]]";

    [Theory]
    [InlineData("[[1, 0], [0, 1]]", 0, 2)]
    [InlineData("[[1, 0], [0, 0]]", 0.001, 1)]
    public void Solve_ReturnsSp23Q10aTable_WhenWIsAlphaOrBeta(string w, double reconstruction, double regularization)
    {
        var answers = SolverAssert.Solve(Solver, $$"""{"X": {{Sp23X}}, "W": {{w}}}""");

        SolverAssert.Close(reconstruction, SolverAssert.Number(answers["reconstruction"]), 1e-12);
        SolverAssert.Close(regularization, SolverAssert.Number(answers["regularization"]), 1e-12);
    }

    [Fact]
    public void Solve_MatchesMatrixProductFormula_WhenInputsAreRandom()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 100; trial++)
        {
            int m = random.Next(1, 5), n = random.Next(1, 6);
            var x = SolverAssert.RandomMatrix(random, m, n);
            var w = SolverAssert.RandomMatrix(random, m, m);

            var answers = SolverAssert.Solve(Solver, new JsonObject { ["X"] = SolverAssert.ToJson(x), ["W"] = SolverAssert.ToJson(w) });

            var residual = Enumerable.Range(0, m)
                .Select(i => Enumerable.Range(0, n).Select(j => x[i][j] - Enumerable.Range(0, m).Sum(k => w[i][k] * x[k][j])));
            SolverAssert.Close(residual.SelectMany(r => r).Sum(v => v * v), SolverAssert.Number(answers["reconstruction"]));
            SolverAssert.Close(w.SelectMany(r => r).Sum(v => v * v), SolverAssert.Number(answers["regularization"]));
        }
    }

    [Theory]
    [InlineData("X")]
    [InlineData("W")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["purifier-losses"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"X": [[1, 2], [3, 4]], "W": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}""", "params.W")]
    [InlineData("""{"X": [[1, 2], [3, 4]], "W": [[1, 0]]}""", "params.W")]
    [InlineData("""{"X": [[1, 2], [3]], "W": [[1, 0], [0, 1]]}""", "params.X[1]")]
    public void Solve_ThrowsBadInputNamingField_WhenShapesDisagree(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
