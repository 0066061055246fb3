using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class GnnMaskedBceSolverTests
{
    private static readonly GnnMaskedBceSolver Solver = new();

    [Fact]
    public void Solve_AveragesOverNodes235_WhenMaskHoldsBackNodes1And4AsInFa22Q10b()
    {
        var answers = SolverAssert.Solve(Solver, Samples.ById["gnn-masked-bce"]);

        // −(1/3)[log b + log c + log(1 − e)] with b = 0.8, c = 0.6, e = 0.2.
        SolverAssert.Close(-(Math.Log(0.8) + Math.Log(0.6) + Math.Log(1 - 0.2)) / 3, SolverAssert.Number(answers["loss"]));
    }

    [Fact]
    public void Solve_MatchesDirectFormula_WhenInputsAreRandom()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 100; trial++)
        {
            var n = random.Next(1, 10);
            var labels = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
            var predictions = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 0.98) + 0.01, 3)).ToArray();
            var mask = Enumerable.Range(0, n).Select(_ => random.Next(3) > 0).ToArray();
            mask[random.Next(n)] = true;
            var parameters = new JsonObject
            {
                ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]),
                ["predictions"] = SolverAssert.ToJson(predictions),
                ["train_mask"] = new JsonArray([.. mask.Select(m => (JsonNode)m)]),
            };

            var answers = SolverAssert.Solve(Solver, parameters);

            var terms = Enumerable.Range(0, n).Where(i => mask[i])
                .Select(i => -((labels[i] * Math.Log(predictions[i])) + ((1 - labels[i]) * Math.Log(1 - predictions[i]))));
            SolverAssert.Close(terms.Average(), SolverAssert.Number(answers["loss"]));
        }
    }

    [Fact]
    public void Solve_CostsNothing_WhenPredictionIsCertainAndRight()
    {
        var answers = SolverAssert.Solve(Solver, """{"labels": [1, 0], "predictions": [1, 0], "train_mask": [true, true]}""");

        Assert.Equal(0.0, SolverAssert.Number(answers["loss"]));
    }

    [Theory]
    [InlineData("labels")]
    [InlineData("predictions")]
    [InlineData("train_mask")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["gnn-masked-bce"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"labels": [2], "predictions": [0.5], "train_mask": [true]}""", "params.labels[0]")]
    [InlineData("""{"labels": [1, 0], "predictions": [0.5, 1.5], "train_mask": [true, false]}""", "params.predictions[1]")]
    [InlineData("""{"labels": [1], "predictions": [0], "train_mask": [true]}""", "params.predictions[0]")]
    [InlineData("""{"labels": [1], "predictions": [0.5], "train_mask": [false]}""", "params.train_mask")]
    [InlineData("""{"labels": [1], "predictions": [0.5, 0.5], "train_mask": [true]}""", "params.predictions")]
    [InlineData("""{"labels": [1], "predictions": [0.5], "train_mask": [true, true]}""", "params.train_mask")]
    [InlineData("""{"labels": [1], "predictions": [0.5], "train_mask": ["yes"]}""", "params.train_mask[0]")]
    public void Solve_ThrowsBadInputNamingField_WhenValuesAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
