using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>A weight and small integer inputs for the scalar RNN unrolled by hand (Fall 2022 midterm Q5).</summary>
public sealed class UnrolledRnnGenerator : IGenerator
{
    public string Id => "rnn-unrolled";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var steps = options.Int("steps", 3);
        return Retry.Until(Id, () =>
        {
            var u = Enumerable.Range(0, steps).Select(_ => (double)(rng.NextInt(1, 4) * (rng.NextInt(0, 1) == 0 ? -1 : 1))).ToArray();
            // Distinct inputs, so a term attached to the wrong u_i shows in the numbers.
            return u.Distinct().Count() < steps ? null : new JsonObject
            {
                ["w"] = rng.Pick([-2.0, -1.5, -0.5, 0.5, 1.5, 2.0, 3.0]),
                ["u"] = J.Vector(u),
            };
        });
    }
}
