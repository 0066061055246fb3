using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>
/// Two cases (Fall 2022 midterm Q3): one Gaussian feature normalized with a given γ and β, and two correlated Gaussian
/// features normalized without scale or shift.
/// </summary>
public sealed class GaussianBatchNormGenerator : IGenerator
{
    public string Id => "batchnorm-gaussian";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var one = new JsonObject
        {
            ["mean"] = J.Vector([rng.NextRounded(-3, 3, 1)]),
            ["std"] = J.Vector([rng.Pick([0.2, 0.3, 0.4, 0.5, 0.8, 1.5, 2.0])]),
            ["gamma"] = rng.Pick([0.5, 1.0, 1.5, 2.0, 3.0]),
            ["beta"] = rng.Pick([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0, 4.0]),
        };
        var two = new JsonObject
        {
            ["mean"] = J.Vector([rng.NextInt(-4, 4), rng.NextInt(-4, 4)]),
            ["std"] = J.Vector([rng.Pick([0.5, 1.0, 2.0, 3.0]), rng.Pick([0.25, 0.5, 1.5, 4.0])]),
            ["correlation"] = rng.Pick([0.0, 0.5, -0.5, 0.8, -0.6]),
            ["gamma"] = 1,
            ["beta"] = 0,
        };
        return new JsonObject { ["cases"] = new JsonArray(one, two) };
    }
}
