using System.Text.Json.Nodes;
using Autograder.Core.Variants;
using Autograder.Solvers.Solvers;

namespace Autograder.Solvers.Generators;

/// <summary>Zero-centered integer data whose covariance has distinct eigenvalues around the code size (Fall 2022 Homework 6 Q4b).</summary>
public sealed class PcaGenerator : IGenerator
{
    public string Id => "pca-data";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var m = options.Int("dims", 3);
        var n = options.Int("points", 4);
        var k = options.Int("k", 1);
        return Retry.Until(Id, () =>
        {
            var x = new double[m, n];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n - 1; j++) x[i, j] = rng.NextInt(-3, 3);
                x[i, n - 1] = -Enumerable.Range(0, n - 1).Sum(j => x[i, j]);
                if (Math.Abs(x[i, n - 1]) > 4) return null;
            }
            var parameters = new JsonObject { ["X"] = J.Matrix(x), ["k"] = k };
            try
            {
                var values = J.Doubles(new LinearAutoencoderPcaSolver().Solve(parameters)["eigenvalues"]);
                return values[k - 1] - values[k] > 0.5 && values[^1] >= 0 ? parameters : null;
            }
            catch (Core.Inputs.BadInputException)
            {
                return null;
            }
        });
    }
}
