using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class ScaledDotProductSolver : ISolver
{
    public string Id => "scaled-dot-product";

    public string Description => "Mean and variance of qᵀk for q, k in R^d with independent N(μ, σ²) entries.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var d = p.Integer("d", min: 1);
        var mu = p.Number("mu");
        var sigma = p.Number("sigma");
        if (sigma < 0)
        {
            throw p.Bad("sigma", "a standard deviation cannot be negative");
        }

        // Each q_i k_i has mean μ² and variance E[q²]E[k²] − μ⁴ = (σ² + μ²)² − μ⁴; the d terms are independent.
        var s2 = sigma * sigma;
        var variance = d * ((s2 * s2) + (2 * mu * mu * s2));
        return new JsonObject
        {
            ["mean"] = Answer.Number(d * mu * mu),
            ["variance"] = Answer.Number(variance),
            ["std"] = Answer.Number(Math.Sqrt(variance)),
        };
    }
}
