using System.Text.Json.Nodes;
using Autograder.Tensors.CrossChecks;

namespace Autograder.Tensors.Tests.CrossChecks;

public sealed class LossCrossCheckTests
{
    public static TheoryData<int> Cases => ReferenceSolver.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void PurifierLosses_AgreeWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int m = random.Next(1, 6), n = random.Next(1, 7);
        var x = random.Matrix(m, n);
        var w = random.Matrix(m, m, -1, 1);

        var (reconstruction, regularization) = PurifierCrossChecks.Losses(x, w);
        var solver = ReferenceSolver.Solve("purifier-losses", new JsonObject
        {
            ["X"] = ReferenceSolver.Json(x),
            ["W"] = ReferenceSolver.Json(w),
        });

        Close.Equal(reconstruction, ReferenceSolver.Number(solver["reconstruction"]), "reconstruction");
        Close.Equal(regularization, ReferenceSolver.Number(solver["regularization"]), "regularization");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GnnMaskedBinaryCrossEntropy_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int n = random.Next(1, 11);
        int[] labels = [.. Enumerable.Range(0, n).Select(_ => random.Next(2))];
        var predictions = random.Vector(n, 0.02, 0.98);
        bool[] mask = [.. Enumerable.Range(0, n).Select(_ => random.Next(3) > 0)];
        mask[random.Next(n)] = true;

        var torch = GnnCrossChecks.MaskedBinaryCrossEntropy(labels, predictions, mask);
        var solver = ReferenceSolver.Solve("gnn-masked-bce", new JsonObject
        {
            ["labels"] = ReferenceSolver.Json(labels),
            ["predictions"] = ReferenceSolver.Json(predictions),
            ["train_mask"] = ReferenceSolver.Json(mask),
        });

        Close.Equal(torch, ReferenceSolver.Number(solver["loss"]), "loss");
    }
}
