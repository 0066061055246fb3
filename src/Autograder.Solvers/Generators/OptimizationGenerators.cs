using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>A small batch where the upstream gradient does not average to zero, so the mean term matters (Spring 2023 Q8b).</summary>
public sealed class BatchNormGradientGenerator : IGenerator
{
    public string Id => "bn-gradient";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var n = rng.NextInt(options.Int("min_n", 3), options.Int("max_n", 4));
        return Retry.Until(Id, () =>
        {
            var x = Enumerable.Range(0, n).Select(_ => (double)rng.NextInt(-4, 6)).ToArray();
            var g = Enumerable.Range(0, n).Select(_ => (double)rng.NextInt(-3, 3)).ToArray();
            if (Math.Abs(g.Sum()) < 1e-9) return null;
            return new JsonObject
            {
                ["x"] = J.Vector(x),
                ["dL_dy"] = J.Vector(g),
                ["gamma"] = rng.Pick([0.5, 2.0, 3.0, 4.0]),
                ["beta"] = rng.Pick([-1.0, 0.5, 1.0, 2.0]),
            };
        });
    }
}

/// <summary>
/// Data with one strong and one weak direction, and the identity against the projection on the strong one
/// (Spring 2023 Q10a).
/// </summary>
public sealed class PurifierCompareGenerator : IGenerator
{
    public string Id => "purifier-compare";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var points = options.Int("points", 4);
        var strong = Enumerable.Range(0, points).Select(_ => rng.NextRounded(1.5, 2.6, 2) * (rng.NextInt(0, 1) == 0 ? -1 : 1));
        var weak = Enumerable.Range(0, points).Select(_ => rng.NextInt(1, 3) / 100.0 * (rng.NextInt(0, 1) == 0 ? -1 : 1));
        return new JsonObject
        {
            ["X"] = new JsonArray(J.Vector(strong), J.Vector(weak)),
            ["W_a"] = new JsonArray(J.Vector([1, 0]), J.Vector([0, 1])),
            ["W_b"] = new JsonArray(J.Vector([1, 0]), J.Vector([0, 0])),
        };
    }
}

/// <summary>
/// Decreasing singular values with a keep/preserve/attenuate requirement whose λ interval is non-empty, unless
/// the options ask for an empty one (Spring 2023 Q10c).
/// </summary>
public sealed class PurifierRangeGenerator : IGenerator
{
    private static readonly double[] Values = [20, 12, 10, 8, 6, 5, 4, 3, 2, 1.5, 1, 0.8, 0.5, 0.36, 0.2, 0.16, 0.1, 0.05, 0.01];

    public string Id => "purifier-range";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var count = options.Int("count", 8);
        var wantEmpty = options.Flag("empty", false);
        return Retry.Until(Id, () =>
        {
            var picked = Values.ToList();
            rng.Shuffle(picked);
            var sigma = picked.Take(count).OrderDescending().ToArray();
            var keep = rng.NextInt(2, 4);
            var preserve = rng.Pick([0.5, 0.75, 0.8, 0.9]);
            var attenuate = rng.Pick([0.1, 0.2, 0.25, 0.5]);
            // λ ≤ σ_k²(1−a)/a and λ ≥ σ_{k+1}²(1−b)/b: keep draws that are non-empty with room to spare (or empty when asked).
            var high = sigma[keep - 1] * sigma[keep - 1] * (1 - preserve) / preserve;
            var low = sigma[keep] * sigma[keep] * (1 - attenuate) / attenuate;
            if (wantEmpty ? low <= high : low >= high * 0.9) return null;
            return new JsonObject
            {
                ["singular_values"] = J.Vector(sigma),
                ["keep"] = keep,
                ["preserve"] = preserve,
                ["attenuate"] = attenuate,
            };
        });
    }
}
