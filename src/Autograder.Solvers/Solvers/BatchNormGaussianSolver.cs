using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Batch norm applied to Gaussian data over a very large batch: every feature is standardized with its own mean and
/// standard deviation (ε negligible), then scaled by γ and shifted by β. Correlations between features survive.
/// </summary>
public sealed class BatchNormGaussianSolver : ISolver
{
    public string Id => "batchnorm-gaussian";

    public string Description => "Mean, standard deviation and correlation of Gaussian features after batch norm with γ and β (large batch).";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var mean = p.Vector("mean");
        var std = p.Vector("std");
        if (std.Length != mean.Length)
        {
            throw p.Bad("std", $"has {std.Length} entries but mean has {mean.Length}");
        }

        for (var i = 0; i < std.Length; i++)
        {
            if (std[i] <= 0)
            {
                throw new Core.Inputs.BadInputException($"{p.Field("std")}[{i}]", "a standard deviation must be positive");
            }
        }

        var gamma = PerFeature(p, "gamma", 1, mean.Length);
        var beta = PerFeature(p, "beta", 0, mean.Length);
        var correlation = p.OptionalNumber("correlation", 0);
        if (correlation is <= -1 or >= 1)
        {
            throw p.Bad("correlation", "must lie strictly between -1 and 1");
        }

        if (correlation != 0 && mean.Length != 2)
        {
            throw p.Bad("correlation", "is only defined for two features");
        }

        // The batch statistics equal the distribution's, so x̂ = (x − μ)/σ is standard normal in every feature.
        var outStd = gamma.Select(Math.Abs).ToArray();
        var answers = new JsonObject
        {
            ["mean"] = Answer.Vector(beta),
            ["std"] = Answer.Vector(outStd),
            ["variance"] = Answer.Vector(outStd.Select(s => s * s)),
            ["two_sd_low"] = Answer.Vector(beta.Select((b, i) => b - (2 * outStd[i]))),
            ["two_sd_high"] = Answer.Vector(beta.Select((b, i) => b + (2 * outStd[i]))),
        };
        if (mean.Length == 2)
        {
            // Standardizing each axis by a positive factor keeps the sign and size of the correlation; a negative γ flips it.
            answers["correlation"] = Answer.Number(correlation * Math.Sign(gamma[0]) * Math.Sign(gamma[1]));
        }

        return answers;
    }

    private static double[] PerFeature(ParamReader p, string name, double fallback, int length)
    {
        if (!p.Has(name))
        {
            return [.. Enumerable.Repeat(fallback, length)];
        }

        if (p.Required(name) is not JsonArray)
        {
            return [.. Enumerable.Repeat(p.Number(name), length)];
        }

        var values = p.Vector(name);
        return values.Length == length ? values : throw p.Bad(name, $"has {values.Length} entries but mean has {length}");
    }
}
