using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class PurifierLambdaRangeSolver : ISolver
{
    public string Id => "purifier-lambda-range";

    public string Description => "The ridge λ for which σ²/(σ²+λ) keeps at least a on the top k directions and at most b on the rest.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var sigmas = p.Vector("singular_values");
        for (var i = 0; i < sigmas.Length; i++)
        {
            if (sigmas[i] < 0)
            {
                throw new BadInputException($"{p.Field("singular_values")}[{i}]", "a singular value cannot be negative");
            }
        }

        var keep = p.Integer("keep", min: 1);
        if (keep > sigmas.Length)
        {
            throw p.Bad("keep", $"is {keep} but there are only {sigmas.Length} singular values");
        }

        var preserve = p.NumberIn("preserve", 0, 1);
        if (preserve == 0)
        {
            throw p.Bad("preserve", "must be a fraction above 0");
        }

        var attenuate = p.NumberIn("attenuate", 0, 1);
        var sorted = sigmas.OrderDescending().ToArray();
        return new JsonObject { ["interval"] = Interval(sorted, keep, preserve, attenuate) };
    }

    // σ²/(σ²+λ) ≥ a ⇔ λ ≤ σ²(1−a)/a and σ²/(σ²+λ) ≤ b ⇔ λ ≥ σ²(1−b)/b, both closed, and λ ≥ 0; only σ_k and σ_(k+1) bind.
    private static JsonObject? Interval(double[] sorted, int keep, double preserve, double attenuate)
    {
        var weakestKept = sorted[keep - 1];
        if (weakestKept == 0)
        {
            return null; // a zero direction passes nothing for any λ, so it cannot keep a > 0
        }

        var high = Square(weakestKept) * ((1 / preserve) - 1);
        var low = 0.0;
        if (keep < sorted.Length && sorted[keep] > 0)
        {
            if (attenuate == 0)
            {
                return null; // a nonzero direction passes a positive fraction for every finite λ
            }

            low = Math.Max(0, Square(sorted[keep]) * ((1 / attenuate) - 1));
        }

        return low <= high
            ? new JsonObject
            {
                ["low"] = Answer.Number(low),
                ["high"] = Answer.Number(high),
                ["low_inclusive"] = true,
                ["high_inclusive"] = true,
            }
            : null;
    }

    private static double Square(double x) => x * x;
}
