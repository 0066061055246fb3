using System.Text.Json.Nodes;
using Autograder.Core.Variants;
using Autograder.Solvers.Solvers;

namespace Autograder.Solvers.Generators;

/// <summary>Integer keys, values and query where exactly one key has the largest score (Fall 2022 Q6a).</summary>
public sealed class ArgmaxAttentionGenerator : IGenerator
{
    public string Id => "argmax-attention";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var count = options.Int("keys", 4);
        var dim = options.Int("dim", 3);
        return Retry.Until(Id, () =>
        {
            var keys = Matrix(rng, count, dim, 0, 5);
            var values = Matrix(rng, count, dim, -1, 4);
            var query = Enumerable.Range(0, dim).Select(_ => (double)rng.NextInt(0, 3)).ToArray();
            var scores = keys.Select(k => k.Zip(query, (a, b) => a * b).Sum()).ToArray();
            var best = scores.Max();
            if (scores.Count(s => s == best) != 1 || query.All(q => q == 0)) return null;
            return new JsonObject
            {
                ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)J.Vector(k))]),
                ["values"] = new JsonArray([.. values.Select(v => (JsonNode)J.Vector(v))]),
                ["query"] = J.Vector(query),
            };
        });
    }

    private static double[][] Matrix(SplitMix64 rng, int rows, int cols, int min, int max) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, cols).Select(_ => (double)rng.NextInt(min, max)).ToArray()).ToArray();
}

/// <summary>
/// A two-dimensional linear RNN with small integer weights whose decoder query has a unique best key
/// (Spring 2023 Q5), with states kept small enough to compute by hand.
/// </summary>
public sealed class LinearRnnAttentionGenerator : IGenerator
{
    public string Id => "linear-rnn-attention";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var steps = options.Int("steps", 3);
        return Retry.Until(Id, () =>
        {
            JsonArray M(int min, int max) =>
                [.. Enumerable.Range(0, 2).Select(_ => (JsonNode)J.Vector([rng.NextInt(min, max), rng.NextInt(min, max)]))];
            var unit = rng.NextInt(0, 1);
            var parameters = new JsonObject
            {
                ["W_h"] = M(-1, 2),
                ["W_u"] = new JsonArray(J.Vector([unit]), J.Vector([1 - unit])),
                ["u"] = J.Vector(Enumerable.Range(0, steps).Select(_ => (double)(rng.NextInt(1, 2) * (rng.NextInt(0, 1) == 0 ? -1 : 1)))),
                ["W_K"] = M(-1, 2),
                ["W_V"] = M(-1, 2),
                ["W_Q"] = M(-1, 4),
            };
            var answers = new LinearRnnAttentionSolver().Solve(parameters);
            var scores = J.Doubles(answers["scores"]);
            var hidden = answers["hidden"]!.AsArray().SelectMany(h => J.Doubles(h)).ToArray();
            var best = scores.Max();
            var ok = scores.Count(s => s == best) == 1 && hidden.All(h => Math.Abs(h) <= 12) && hidden.Any(h => h != 0)
                && scores.Distinct().Count() == scores.Length;
            return ok ? parameters : null;
        });
    }
}
