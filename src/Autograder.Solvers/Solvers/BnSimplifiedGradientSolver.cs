using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class BnSimplifiedGradientSolver : ISolver
{
    public string Id => "bn-simplified-gradient";

    public string Description => "dL/dx for batch norm without division by the standard deviation: y = γ(x − μ) + β.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var x = p.Vector("x");
        var upstream = p.Vector("dL_dy");
        var gamma = p.Number("gamma");
        var beta = p.Number("beta");
        if (upstream.Length != x.Length)
        {
            throw p.Bad("dL_dy", $"has {upstream.Length} entries but x has {x.Length}");
        }

        // ∂y_j/∂x_i = γ(δ_ij − 1/n), so dL/dx_i = γ(dL/dy_i − mean_j dL/dy_j).
        var meanUpstream = upstream.Average();
        var mean = x.Average();
        return new JsonObject
        {
            ["dL_dx"] = Answer.Vector(upstream.Select(g => gamma * (g - meanUpstream))),
            ["y"] = Answer.Vector(x.Select(v => (gamma * (v - mean)) + beta)),
        };
    }
}
