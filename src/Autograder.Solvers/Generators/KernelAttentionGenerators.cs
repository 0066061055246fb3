using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>A dimension and entry distribution for the statistics of qᵀk (Fall 2022 Homework 6 Q2).</summary>
public sealed class ScaledDotProductGenerator : IGenerator
{
    public string Id => "scaled-dot-product";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options) => new()
    {
        ["d"] = rng.Pick([16, 32, 64, 128, 256, 512]),
        ["mu"] = rng.Pick([-1.0, -0.5, 0.5, 1.0, 2.0]),
        ["sigma"] = rng.Pick([0.5, 1.0, 2.0, 3.0]),
    };
}

/// <summary>Small integer query and key and the kernel's degree (Fall 2022 Homework 6 Q3).</summary>
public sealed class PolynomialKernelGenerator : IGenerator
{
    public string Id => "polynomial-kernel";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var dims = options.Int("dims", 3);
        var degrees = options.Texts("degrees", ["2", "3"]);
        return new JsonObject
        {
            ["q"] = J.Vector(Enumerable.Range(0, dims).Select(_ => (double)rng.NextInt(-2, 2))),
            ["k"] = J.Vector(Enumerable.Range(0, dims).Select(_ => (double)rng.NextInt(-2, 2))),
            ["degree"] = int.Parse(rng.Pick(degrees), System.Globalization.CultureInfo.InvariantCulture),
            ["c"] = 1,
        };
    }
}
