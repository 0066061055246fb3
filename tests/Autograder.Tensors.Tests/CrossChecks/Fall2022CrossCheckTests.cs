using System.Text.Json.Nodes;
using Autograder.Tensors.CrossChecks;

namespace Autograder.Tensors.Tests.CrossChecks;

/// <summary>The solvers of the Fall 2022 midterm and Homework 6 families against libtorch computations.</summary>
public sealed class Fall2022CrossCheckTests
{
    public static TheoryData<int> Cases => ReferenceSolver.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void RnnBackpropEdges_AgreesWithAutogradOnUntiedWeights_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        double w = random.Uniform(-1.5, 1.5);
        var u = random.Vector(random.Next(1, 9));

        var (edges, dydFirst) = UnrolledRnnCrossChecks.EdgeGradients(w, u);
        var solver = ReferenceSolver.Solve("rnn-backprop-edges", new JsonObject { ["w"] = w, ["u"] = ReferenceSolver.Json(u) });

        Close.Equal(edges, ReferenceSolver.Vector(solver["edges"]), "edges");
        Close.Equal(dydFirst, ReferenceSolver.Vector(solver["dy_dsums"])[0], "dy_dsums[0]");
        Close.Equal(edges.Sum(), ReferenceSolver.Number(solver["dy_dw"]), "dy_dw");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CircularShiftFeatures_AgreeWithACircularCnn_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int rows = random.Next(3, 9), columns = random.Next(3, 9);
        var image = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                image[r, c] = random.Next(0, 2);
        int dr = random.Next(0, rows), dc = random.Next(0, columns);
        var shifted = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                shifted[(r + dr) % rows, (c + dc) % columns] = image[r, c];

        using var net = new CircularCnnCrossChecks(@case);
        var solver = ReferenceSolver.Solve("circular-shift-features", new JsonObject
        {
            ["images"] = new JsonArray(ReferenceSolver.Json(image)),
            ["features"] = new JsonArray(ReferenceSolver.Json(net.Features(image))),
            ["queries"] = new JsonArray(ReferenceSolver.Json(shifted)),
        });

        Close.Equal(net.Features(shifted), ReferenceSolver.Vector(solver["outputs"]![0]), "outputs[0]");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LinearAutoencoderPca_AgreesWithEigh_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int m = random.Next(2, 5), n = random.Next(3, 8), k = random.Next(1, m);
        var x = random.Matrix(m, n);

        var (values, projection) = PcaCrossChecks.Eigen(x, k);
        if (values[k - 1] - values[k] < 1e-6)
            return; // the top-k subspace is not unique; the solver refuses such data
        var solver = ReferenceSolver.Solve("linear-autoencoder-pca", new JsonObject { ["X"] = ReferenceSolver.Json(x), ["k"] = k });

        Close.Equal(values, ReferenceSolver.Vector(solver["eigenvalues"]), "eigenvalues");
        Close.Equal(projection, ReferenceSolver.Matrix(solver["projection"]), "projection");
        Close.Equal(values.Skip(k).Sum(), ReferenceSolver.Number(solver["min_loss"]), "min_loss");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void LinearAutoencoderPca_MinLossIsReachedByTraining(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        var x = random.Matrix(3, 6, -2, 2);
        var solver = ReferenceSolver.Solve("linear-autoencoder-pca", new JsonObject { ["X"] = ReferenceSolver.Json(x), ["k"] = 1 });

        var trained = PcaCrossChecks.TrainedLoss(x, 1, steps: 4000, learningRate: 0.02, seed: @case);

        Assert.InRange(trained, ReferenceSolver.Number(solver["min_loss"]) - 1e-9, ReferenceSolver.Number(solver["min_loss"]) + 1e-4);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PolynomialKernelFeatureMap_GivesTheQuadraticAttentionLinearly_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int n = random.Next(2, 6), d = random.Next(1, 4), mv = random.Next(1, 4), degree = random.Next(1, 4);
        var q = random.Matrix(n, d, -1, 1);
        var k = random.Matrix(n, d, -1, 1);
        var v = random.Matrix(n, mv);
        double c = 1;

        double[] Row(double[,] a, int i) => [.. Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j])];
        double[,] Phi(double[,] rows, string key)
        {
            var mapped = Enumerable.Range(0, n).Select(i => ReferenceSolver.Vector(ReferenceSolver.Solve("polynomial-kernel-attention", new JsonObject
            {
                ["q"] = ReferenceSolver.Json(Row(rows, i)),
                ["k"] = ReferenceSolver.Json(Row(rows, i)),
                ["degree"] = degree,
                ["c"] = c,
            })[key])).ToArray();
            var result = new double[n, mapped[0].Length];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < mapped[0].Length; j++)
                    result[i, j] = mapped[i][j];
            return result;
        }

        // Positive similarities keep the denominator of (3) away from zero: entries in [−1, 1] with c = 1 and d ≤ 3 may not,
        // so only compare where the quadratic form's row sums are clearly nonzero.
        var quadratic = KernelAttentionCrossChecks.Quadratic(q, k, v, degree, c);
        var linear = KernelAttentionCrossChecks.Linear(Phi(q, "phi_q"), Phi(k, "phi_k"), v);
        for (var i = 0; i < n; i++)
        {
            var denominator = Enumerable.Range(0, n).Sum(j => Math.Pow(Enumerable.Range(0, d).Sum(t => q[i, t] * k[j, t]) + c, degree));
            if (Math.Abs(denominator) < 1e-3)
                continue;
            for (var j = 0; j < mv; j++)
                Assert.True(Math.Abs(quadratic[i, j] - linear[i, j]) <= 1e-7 * Math.Max(1, Math.Abs(quadratic[i, j])), $"V'[{i},{j}]: {quadratic[i, j]} vs {linear[i, j]}");
        }
    }
}
