using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;

namespace Autograder.Sandbox.Questions;

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
