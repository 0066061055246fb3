using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Core.Numerics;
using Autograder.Core.Variants;

namespace Autograder.Sandbox.Questions;

/// <summary>
/// A linear autoencoder on synthetic data: <see cref="Prepare"/> draws centered data with a known decaying spectrum
/// (the <c>data</c> argument); <see cref="Apply"/> takes the returned [encoder (k × d), decoder (d × k)] and checks one
/// criterion (<c>check</c>): <c>reconstruction</c> within 5% of the PCA optimum, <c>orthonormal</c> decoder columns
/// (‖DᵀD − I‖ ≤ tol), or <c>subspace</c>, the decoder's column space close to the top-k principal subspace
/// (‖P_D − P_U‖ ≤ tol, P the orthogonal projections). The eigenvectors are computed here (Core's SymmetricEigen).
/// </summary>
internal sealed class AutoencoderPcaEvaluator : IEvaluator
{
    public string Id => "autoencoder-pca";

    public (JsonObject Inputs, JsonNode Expected) Prepare(JsonObject args, JsonObject options, SplitMix64 random)
    {
        var d = options["dims"] is { } dn ? (int)dn.AsLong() : 6;
        var n = options["samples"] is { } sn ? (int)sn.AsLong() : 200;
        var k = (int)args["k"].AsLong();
        // A random orthonormal basis (Gram-Schmidt of Gaussian-ish columns) and standard deviations 3, 2, 1.2, then small.
        var basis = new double[d][];
        for (var c = 0; c < d; c++)
        {
            var v = Enumerable.Range(0, d).Select(_ => random.NextDouble(-1, 1)).ToArray();
            for (var p = 0; p < c; p++)
            {
                var dot = v.Zip(basis[p], (x, y) => x * y).Sum();
                for (var i = 0; i < d; i++) v[i] -= dot * basis[p][i];
            }
            var norm = Math.Sqrt(v.Sum(x => x * x));
            basis[c] = v.Select(x => x / norm).ToArray();
        }
        double[] spread = [3, 2, 1.2, 0.3, 0.2, 0.1, 0.1, 0.05, 0.05, 0.05];
        var rows = new double[n][];
        for (var s = 0; s < n; s++)
        {
            rows[s] = new double[d];
            for (var c = 0; c < d; c++)
            {
                var z = spread[Math.Min(c, spread.Length - 1)] * (random.NextDouble(-1, 1) + random.NextDouble(-1, 1) + random.NextDouble(-1, 1));
                for (var i = 0; i < d; i++) rows[s][i] += z * basis[c][i];
            }
        }
        for (var i = 0; i < d; i++)
        {
            var mean = rows.Average(r => r[i]);
            foreach (var r in rows) r[i] = Math.Round(r[i] - mean, 4);
        }
        var data = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. r.Select(v => (JsonNode)v)]))]);
        args["data"] = data;
        var inputs = new JsonObject
        {
            ["data"] = data.DeepClone(),
            ["k"] = k,
            ["check"] = options["check"]?.GetValue<string>() ?? "reconstruction",
            ["tolerance"] = options["tolerance"] is { } t ? t.AsDouble() : 0.1,
        };
        return (inputs, JsonValue.Create(true));
    }

    public JsonNode Apply(JsonNode? output, JsonObject inputs)
    {
        var x = inputs["data"]!.AsArray().Select(r => r!.AsArray().Select(v => v.AsDouble()).ToArray()).ToArray();
        var n = x.Length;
        var d = x[0].Length;
        var k = (int)inputs["k"].AsLong();
        var tolerance = inputs["tolerance"].AsDouble();
        if (output is not JsonArray { Count: 2 } pair) throw new EvaluationException("return [encoder, decoder]");
        var encoder = Matrix(pair[0], k, d, "the encoder");
        var decoder = Matrix(pair[1], d, k, "the decoder");

        var covariance = new double[d, d];
        foreach (var row in x)
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) covariance[i, j] += row[i] * row[j] / n;
        var (values, vectors) = SymmetricEigen.Decompose(covariance);
        var order = Enumerable.Range(0, d).ToArray(); // descending already
        switch (inputs["check"]!.GetValue<string>())
        {
            case "reconstruction":
                var best = order.Skip(k).Sum(i => values[i]);
                var error = 0.0;
                foreach (var row in x)
                {
                    var code = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Sum(i => encoder[c, i] * row[i])).ToArray();
                    for (var i = 0; i < d; i++)
                    {
                        var back = Enumerable.Range(0, k).Sum(c => decoder[i, c] * code[c]);
                        error += (row[i] - back) * (row[i] - back) / n;
                    }
                }
                if (!(error <= 1.05 * best + 1e-6))
                    throw new EvaluationException($"mean squared reconstruction error {error:0.0000}, more than 5% above the best possible {best:0.0000}");
                break;
            case "orthonormal":
                var gap = 0.0;
                for (var a = 0; a < k; a++)
                    for (var b = 0; b < k; b++)
                    {
                        var dot = Enumerable.Range(0, d).Sum(i => decoder[i, a] * decoder[i, b]);
                        gap += Math.Pow(dot - (a == b ? 1 : 0), 2);
                    }
                if (!(Math.Sqrt(gap) <= tolerance))
                    throw new EvaluationException($"‖DᵀD − I‖ = {Math.Sqrt(gap):0.000}: the decoder's columns are not orthonormal (tolerance {tolerance})");
                break;
            default:
                var projection = Projection(decoder, d, k);
                var principal = new double[d, k];
                for (var c = 0; c < k; c++)
                    for (var i = 0; i < d; i++) principal[i, c] = vectors[i, order[c]];
                var target = Projection(principal, d, k);
                var distance = 0.0;
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++) distance += Math.Pow(projection[i, j] - target[i, j], 2);
                if (!(Math.Sqrt(distance) <= tolerance))
                    throw new EvaluationException($"the decoder's columns span a subspace {Math.Sqrt(distance):0.000} away from the top-{k} principal subspace (tolerance {tolerance})");
                break;
        }
        return JsonValue.Create(true);
    }

    private static double[,] Matrix(JsonNode? node, int rows, int cols, string name)
    {
        if (node is not JsonArray r || r.Count != rows) throw new EvaluationException($"{name} must have {rows} rows");
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            if (r[i] is not JsonArray row || row.Count != cols) throw new EvaluationException($"{name} row {i} must have {cols} entries");
            for (var j = 0; j < cols; j++)
            {
                m[i, j] = row[j] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.AsDouble() : double.NaN;
                if (!double.IsFinite(m[i, j])) throw new EvaluationException($"{name}[{i}][{j}] is not a finite number");
            }
        }
        return m;
    }

    /// <summary>The orthogonal projection onto the column space of m (d × k): m (mᵀm)⁻¹ mᵀ, by Gram-Schmidt.</summary>
    private static double[,] Projection(double[,] m, int d, int k)
    {
        var q = new List<double[]>();
        for (var c = 0; c < k; c++)
        {
            var v = Enumerable.Range(0, d).Select(i => m[i, c]).ToArray();
            foreach (var p in q)
            {
                var dot = v.Zip(p, (a, b) => a * b).Sum();
                for (var i = 0; i < d; i++) v[i] -= dot * p[i];
            }
            var norm = Math.Sqrt(v.Sum(a => a * a));
            if (norm > 1e-9) q.Add(v.Select(a => a / norm).ToArray());
        }
        var projection = new double[d, d];
        foreach (var p in q)
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) projection[i, j] += p[i] * p[j];
        return projection;
    }
}
