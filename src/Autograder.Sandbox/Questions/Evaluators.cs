using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;

namespace Autograder.Sandbox.Questions;

/// <summary>The submission's returned value cannot be evaluated (wrong shape, not finite); the message is for the student.</summary>
public sealed class EvaluationException(string message) : Exception(message);

/// <summary>
/// Runs in the grader, never in the child: for questions whose submission returns a design (weights set by hand)
/// rather than an answer, <see cref="Prepare"/> draws the inputs and the target, and <see cref="Apply"/> runs the
/// design on those inputs. Only plain numbers cross from the child, and their shapes are checked before any use.
/// </summary>
public interface IEvaluator
{
    string Id { get; }

    (JsonObject Inputs, JsonNode Expected) Prepare(JsonObject args, JsonObject options, SplitMix64 random);

    JsonNode Apply(JsonNode? output, JsonObject inputs);
}

public static class Evaluators
{
    private static readonly Dictionary<string, IEvaluator> ById = new IEvaluator[] { new AttentionSelectEvaluator(), new NodeAccuracyEvaluator(), new AutoencoderPcaEvaluator() }.ToDictionary(e => e.Id, StringComparer.Ordinal);

    public static IEnumerable<string> Ids => ById.Keys.Order(StringComparer.Ordinal);

    public static bool Exists(string id) => ById.ContainsKey(id);

    public static IEvaluator Get(string id) => ById[id];
}

/// <summary>
/// Homework 8, hand-designed transformers: one attention head, no scaling, softmax(Q Kᵀ) V with Q = X W_Q, K = X W_K,
/// V = X W_V. Token i is x_i = [one-hot(token, vocab), one-hot(i, length)]. Task <c>content</c>: every position outputs
/// the position one-hot of the single token 0 (select by content). Task <c>position</c>: position i outputs the token
/// one-hot of position max(i − 1, 0) (select by position). The submission returns [W_Q, W_K, W_V], each d × d.
/// </summary>
internal sealed class AttentionSelectEvaluator : IEvaluator
{
    public string Id => "attention-select";

    public (JsonObject Inputs, JsonNode Expected) Prepare(JsonObject args, JsonObject options, SplitMix64 random)
    {
        var task = args["task"]!.GetValue<string>();
        var vocab = (int)args["vocab"].AsLong();
        var length = (int)args["length"].AsLong();
        var count = options["sequences"] is { } n ? (int)n.AsLong() : 8;
        var sequences = new JsonArray();
        var expected = new JsonArray();
        for (var s = 0; s < count; s++)
        {
            var tokens = new int[length];
            if (task == "content")
            {
                var marker = random.NextInt(0, length - 1);
                for (var i = 0; i < length; i++) tokens[i] = i == marker ? 0 : random.NextInt(1, vocab - 1);
            }
            else
            {
                for (var i = 0; i < length; i++) tokens[i] = random.NextInt(0, vocab - 1);
            }
            sequences.Add(new JsonArray([.. tokens.Select(t => (JsonNode)t)]));
            var rows = new JsonArray();
            for (var i = 0; i < length; i++)
            {
                var target = new double[vocab + length];
                if (task == "content") target[vocab + Array.IndexOf(tokens, 0)] = 1;
                else target[tokens[Math.Max(i - 1, 0)]] = 1;
                rows.Add(new JsonArray([.. target.Select(v => (JsonNode)v)]));
            }
            expected.Add(rows);
        }
        return (new JsonObject { ["vocab"] = vocab, ["length"] = length, ["sequences"] = sequences }, expected);
    }

    public JsonNode Apply(JsonNode? output, JsonObject inputs)
    {
        var vocab = (int)inputs["vocab"].AsLong();
        var length = (int)inputs["length"].AsLong();
        var d = vocab + length;
        if (output is not JsonArray { Count: 3 } weights)
            throw new EvaluationException("return three matrices: [W_Q, W_K, W_V]");
        var w = new double[3][,];
        string[] names = ["W_Q", "W_K", "W_V"];
        for (var m = 0; m < 3; m++)
        {
            if (weights[m] is not JsonArray rows || rows.Count != d)
                throw new EvaluationException($"{names[m]} must have {d} rows (vocab {vocab} + length {length})");
            w[m] = new double[d, d];
            for (var r = 0; r < d; r++)
            {
                if (rows[r] is not JsonArray row || row.Count != d) throw new EvaluationException($"{names[m]} row {r} must have {d} entries");
                for (var c = 0; c < d; c++)
                {
                    var value = row[c] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.AsDouble() : double.NaN;
                    if (!double.IsFinite(value)) throw new EvaluationException($"{names[m]}[{r}][{c}] is not a finite number");
                    w[m][r, c] = value;
                }
            }
        }
        var outputs = new JsonArray();
        foreach (var sequence in inputs["sequences"]!.AsArray())
        {
            var tokens = sequence!.AsArray().Select(t => (int)t.AsLong()).ToArray();
            var x = new double[length, d];
            for (var i = 0; i < length; i++)
            {
                x[i, tokens[i]] = 1;
                x[i, vocab + i] = 1;
            }
            var q = Multiply(x, w[0]);
            var k = Multiply(x, w[1]);
            var v = Multiply(x, w[2]);
            var rows = new JsonArray();
            for (var i = 0; i < length; i++)
            {
                var scores = new double[length];
                for (var j = 0; j < length; j++)
                    for (var c = 0; c < d; c++) scores[j] += q[i, c] * k[j, c];
                var max = scores.Max();
                var weightsRow = scores.Select(s => Math.Exp(s - max)).ToArray();
                var total = weightsRow.Sum();
                var row = new double[d];
                for (var j = 0; j < length; j++)
                    for (var c = 0; c < d; c++) row[c] += weightsRow[j] / total * v[j, c];
                rows.Add(new JsonArray([.. row.Select(r => double.IsFinite(r) ? (JsonNode)Math.Round(r, 6) : JsonValue.Create("NaN"))]));
            }
            outputs.Add(rows);
        }
        return outputs;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var m = a.GetLength(1);
        var p = b.GetLength(1);
        var c = new double[n, p];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < m; k++)
                for (var j = 0; j < p; j++) c[i, j] += a[i, k] * b[k, j];
        return c;
    }
}

/// <summary>
/// Semi-supervised node classification: <see cref="Prepare"/> picks <c>train_per_class</c> labelled nodes per class
/// (they become the <c>trainNodes</c> and <c>trainLabels</c> arguments); every other label stays in the grader, and
/// the submission's predictions pass when their accuracy on those held-out nodes reaches <c>threshold</c>.
/// </summary>
internal sealed class NodeAccuracyEvaluator : IEvaluator
{
    public string Id => "node-accuracy";

    public (JsonObject Inputs, JsonNode Expected) Prepare(JsonObject args, JsonObject options, SplitMix64 random)
    {
        var labels = options["labels"]!.AsArray().Select(l => (int)l.AsLong()).ToArray();
        var perClass = options["train_per_class"] is { } k ? (int)k.AsLong() : 2;
        var train = new List<int>();
        foreach (var label in labels.Distinct().Order())
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).ToList();
            random.Shuffle(members);
            train.AddRange(members.Take(perClass));
        }
        train.Sort();
        args["trainNodes"] = new JsonArray([.. train.Select(i => (JsonNode)i)]);
        args["trainLabels"] = new JsonArray([.. train.Select(i => (JsonNode)labels[i])]);
        var inputs = new JsonObject
        {
            ["labels"] = options["labels"]!.DeepClone(),
            ["train"] = new JsonArray([.. train.Select(i => (JsonNode)i)]),
            ["threshold"] = options["threshold"] is { } t ? t.AsDouble() : 0.7,
        };
        return (inputs, JsonValue.Create(true));
    }

    public JsonNode Apply(JsonNode? output, JsonObject inputs)
    {
        var labels = inputs["labels"]!.AsArray().Select(l => (int)l.AsLong()).ToArray();
        var train = inputs["train"]!.AsArray().Select(i => (int)i.AsLong()).ToHashSet();
        var threshold = inputs["threshold"].AsDouble();
        if (output is not JsonArray predictions || predictions.Count != labels.Length)
            throw new EvaluationException($"return one predicted class per node ({labels.Length} values)");
        var heldOut = Enumerable.Range(0, labels.Length).Where(i => !train.Contains(i)).ToList();
        var correct = heldOut.Count(i => predictions[i] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.AsDouble() == labels[i]);
        var accuracy = (double)correct / heldOut.Count;
        if (accuracy < threshold)
            throw new EvaluationException($"held-out accuracy {correct}/{heldOut.Count} = {accuracy:0.00}, below the {threshold:0.00} needed");
        return JsonValue.Create(true);
    }
}

/// <summary>
/// A linear autoencoder on synthetic data: <see cref="Prepare"/> draws centered data with a known decaying spectrum
/// (the <c>data</c> argument); <see cref="Apply"/> takes the returned [encoder (k × d), decoder (d × k)] and checks one
/// criterion (<c>check</c>): <c>reconstruction</c> within 5% of the PCA optimum, <c>orthonormal</c> decoder columns
/// (‖DᵀD − I‖ ≤ tol), or <c>subspace</c>, the decoder's column space close to the top-k principal subspace
/// (‖P_D − P_U‖ ≤ tol, P the orthogonal projections). The eigenvectors are computed here, by Jacobi rotations.
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
        var (values, vectors) = Jacobi(covariance);
        var order = Enumerable.Range(0, d).OrderByDescending(i => values[i]).ToArray();
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

    /// <summary>Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations.</summary>
    private static (double[] Values, double[,] Vectors) Jacobi(double[,] input)
    {
        var d = input.GetLength(0);
        var a = (double[,])input.Clone();
        var v = new double[d, d];
        for (var i = 0; i < d; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < d; p++)
                for (var q = p + 1; q < d; q++) off += a[p, q] * a[p, q];
            if (off < 1e-22) break;
            for (var p = 0; p < d; p++)
                for (var q = p + 1; q < d; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var r = 0; r < d; r++)
                    {
                        var arp = a[r, p];
                        var arq = a[r, q];
                        a[r, p] = c * arp - s * arq;
                        a[r, q] = s * arp + c * arq;
                    }
                    for (var r = 0; r < d; r++)
                    {
                        var apr = a[p, r];
                        var aqr = a[q, r];
                        a[p, r] = c * apr - s * aqr;
                        a[q, r] = s * apr + c * aqr;
                    }
                    for (var r = 0; r < d; r++)
                    {
                        var vrp = v[r, p];
                        var vrq = v[r, q];
                        v[r, p] = c * vrp - s * vrq;
                        v[r, q] = s * vrp + c * vrq;
                    }
                }
        }
        return (Enumerable.Range(0, d).Select(i => a[i, i]).ToArray(), v);
    }
}
