using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class RnnBackpropSolver : ISolver
{
    public string Id => "rnn-backprop";

    public string Description => "Output and dy/dw of the scalar RNN h_t = w(u_t + h_{t-1}), h_0 = 0, y = h_T.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var w = p.Number("w");
        var u = p.Vector("u");

        // Forward-mode: dh_t/dw = (u_t + h_{t−1}) + w·dh_{t−1}/dw, which sums the contributions of every copy of w.
        double h = 0, dh = 0;
        var hidden = new double[u.Length];
        for (var t = 0; t < u.Length; t++)
        {
            dh = u[t] + h + (w * dh);
            h = w * (u[t] + h);
            hidden[t] = h;
        }

        return new JsonObject
        {
            ["y"] = Answer.Number(h),
            ["dy_dw"] = Answer.Number(dh),
            ["hidden"] = Answer.Vector(hidden),
        };
    }
}
