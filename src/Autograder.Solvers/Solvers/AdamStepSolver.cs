using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class AdamStepSolver : ISolver
{
    public string Id => "adam-step";

    public string Description => "One Adam step without bias correction: m, v and the new θ.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var beta1 = p.NumberIn("beta1", 0, 1);
        var beta2 = p.NumberIn("beta2", 0, 1);
        var eta = p.Number("eta");
        var eps = p.OptionalNumber("eps", 0);
        if (eps < 0)
        {
            throw p.Bad("eps", "must not be negative");
        }

        // A scalar g makes every state a scalar; otherwise all four are vectors of one length.
        var scalar = p.Required("g") is not JsonArray;
        var g = Read(p, "g", scalar, null);
        var mPrev = Read(p, "m_prev", scalar, g.Length);
        var vPrev = Read(p, "v_prev", scalar, g.Length);
        var thetaPrev = Read(p, "theta_prev", scalar, g.Length);

        var m = new double[g.Length];
        var v = new double[g.Length];
        var theta = new double[g.Length];
        for (var i = 0; i < g.Length; i++)
        {
            if (vPrev[i] < 0)
            {
                throw new BadInputException(scalar ? p.Field("v_prev") : $"{p.Field("v_prev")}[{i}]", "a second moment cannot be negative");
            }

            m[i] = (beta1 * mPrev[i]) + ((1 - beta1) * g[i]);
            v[i] = (beta2 * vPrev[i]) + ((1 - beta2) * g[i] * g[i]);
            var denominator = Math.Sqrt(v[i]) + eps;
            if (denominator == 0 && m[i] != 0)
            {
                throw p.Bad("eps", "√v + eps is 0 where m is not, so the step is infinite; give eps > 0");
            }

            // With m = 0 and √v + eps = 0 the step is taken as 0 (nothing moves).
            theta[i] = thetaPrev[i] - (denominator == 0 ? 0 : eta * m[i] / denominator);
        }

        return scalar
            ? new JsonObject { ["m"] = Answer.Number(m[0]), ["v"] = Answer.Number(v[0]), ["theta"] = Answer.Number(theta[0]) }
            : new JsonObject { ["m"] = Answer.Vector(m), ["v"] = Answer.Vector(v), ["theta"] = Answer.Vector(theta) };
    }

    private static double[] Read(ParamReader p, string name, bool scalar, int? length)
    {
        if (scalar)
        {
            return p.Required(name) is JsonArray ? throw p.Bad(name, "must be a number, like g") : [p.Number(name)];
        }

        var vector = p.Vector(name);
        return length is null || vector.Length == length
            ? vector
            : throw p.Bad(name, $"has {vector.Length} entries but g has {length}");
    }
}
