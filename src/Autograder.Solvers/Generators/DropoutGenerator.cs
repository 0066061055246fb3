using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>A small integer design matrix with no zero column, a keep probability, dropout-learned weights and targets (Fall 2022 midterm Q11).</summary>
public sealed class DropoutGenerator : IGenerator
{
    public string Id => "dropout-tikhonov";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var rows = options.Int("rows", 3);
        var columns = options.Int("columns", 2);
        return Retry.Until(Id, () =>
        {
            var x = new double[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++) x[i, j] = rng.NextInt(-3, 3);
            }
            for (var j = 0; j < columns; j++)
            {
                if (Enumerable.Range(0, rows).All(i => x[i, j] == 0)) return null;
            }
            return new JsonObject
            {
                ["X"] = J.Matrix(x),
                ["p"] = rng.Pick([0.5, 0.75, 0.8, 0.9]),
                ["w_dropout"] = J.Vector(Enumerable.Range(0, columns).Select(_ => (double)rng.NextInt(-4, 4))),
                ["y"] = J.Vector(Enumerable.Range(0, rows).Select(_ => (double)rng.NextInt(-5, 5))),
            };
        });
    }
}
