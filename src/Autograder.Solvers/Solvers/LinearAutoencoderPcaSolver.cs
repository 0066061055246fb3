using System.Text.Json.Nodes;
using Autograder.Core.Numerics;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// The optimum of the linear autoencoder (1/n)‖X − W₂W₁X‖²_F with a k-dimensional code: W₂W₁ projects onto the top-k
/// eigenvectors of (1/n)XXᵀ (the principal components), and the loss left is the sum of the other eigenvalues.
/// </summary>
public sealed class LinearAutoencoderPcaSolver : ISolver
{
    public string Id => "linear-autoencoder-pca";

    public string Description => "Eigenvalues of XXᵀ/n, the optimal linear-autoencoder projection W2W1 onto the top-k principal components, and its loss.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var x = p.Matrix("X");
        var k = p.Integer("k", min: 1);
        int m = x.Length, n = x[0].Length;
        if (m > 50)
        {
            throw p.Bad("X", $"has {m} rows; at most 50 dimensions are supported");
        }

        if (k >= m)
        {
            throw p.Bad("k", $"must be smaller than the data dimension {m}");
        }

        var covariance = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                covariance[i, j] = VectorMath.Dot(x[i], x[j]) / n;
            }
        }

        if (covariance.Cast<double>().Any(v => !double.IsFinite(v)))
        {
            throw p.Bad("X", "its entries are too large: XXᵀ/n is not finite");
        }

        var (values, vectors) = SymmetricEigen.Decompose(covariance);
        if (values[k - 1] - values[k] <= 1e-9 * Math.Max(1, values[0]))
        {
            throw p.Bad("k", $"the {k}-th and {k + 1}-th eigenvalues of XXᵀ/n are equal, so the top-{k} subspace is not unique");
        }

        var projection = new double[m][];
        for (var i = 0; i < m; i++)
        {
            projection[i] = new double[m];
            for (var j = 0; j < m; j++)
            {
                for (var c = 0; c < k; c++)
                {
                    projection[i][j] += vectors[i, c] * vectors[j, c];
                }
            }
        }

        // Each direction's sign is fixed so its largest entry is positive; the autoencoder's are only defined up to sign.
        var components = Enumerable.Range(0, k).Select(c =>
        {
            var column = Enumerable.Range(0, m).Select(i => vectors[i, c]).ToArray();
            var largest = column.MaxBy(Math.Abs);
            return column.Select(v => largest < 0 ? -v : v).ToArray();
        });
        return new JsonObject
        {
            ["eigenvalues"] = Answer.Vector(values),
            ["top_eigenvalues"] = Answer.Vector(values.Take(k)),
            ["min_loss"] = Answer.Number(Math.Max(0, values.Skip(k).Sum())),
            ["projection"] = Answer.Matrix(projection),
            ["components"] = Answer.Matrix(components),
        };
    }
}
