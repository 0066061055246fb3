using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// The scalar RNN h_t = w(u_t + h_{t−1}) unrolled into a graph with one sum node a_t = u_t + h_{t−1} and one
/// product node h_t = w·a_t per step; every product node is an edge out of the shared weight w.
/// </summary>
public sealed class RnnBackpropEdgesSolver : ISolver
{
    public string Id => "rnn-backprop-edges";

    public string Description => "Forward values, ∂y/∂(sum nodes) and the per-edge terms of dy/dw for the unrolled scalar RNN h_t = w(u_t + h_{t-1}).";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var w = p.Number("w");
        var u = p.Vector("u");
        var steps = u.Length;

        var sums = new double[steps];
        var hidden = new double[steps];
        var h = 0.0;
        for (var t = 0; t < steps; t++)
        {
            sums[t] = u[t] + h;
            h = w * sums[t];
            hidden[t] = h;
        }

        // Backward: ∂y/∂h_T = 1, ∂y/∂a_t = w·∂y/∂h_t, ∂y/∂h_{t−1} = ∂y/∂a_t. The edge of step t carries a_t·∂y/∂h_t.
        var dProduct = new double[steps];
        var dSum = new double[steps];
        var upstream = 1.0;
        for (var t = steps - 1; t >= 0; t--)
        {
            dProduct[t] = upstream;
            dSum[t] = w * upstream;
            upstream = dSum[t];
        }

        var edges = sums.Select((a, t) => a * dProduct[t]).ToArray();
        return new JsonObject
        {
            ["y"] = Answer.Number(h),
            ["dy_dw"] = Answer.Number(edges.Sum()),
            ["sums"] = Answer.Vector(sums),
            ["hidden"] = Answer.Vector(hidden),
            ["dy_dsums"] = Answer.Vector(dSum),
            ["dy_dhidden"] = Answer.Vector(dProduct),
            ["edges"] = Answer.Vector(edges),
        };
    }
}
