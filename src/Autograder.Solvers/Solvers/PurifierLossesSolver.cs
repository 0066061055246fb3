using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class PurifierLossesSolver : ISolver
{
    public string Id => "purifier-losses";

    public string Description => "Reconstruction ‖X − WX‖_F² and regularization ‖W‖_F² of a linear purifier W.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var x = p.Matrix("X");
        var w = p.Matrix("W");
        if (w.Length != x.Length || w[0].Length != x.Length)
        {
            throw p.Bad("W", $"must be {x.Length}x{x.Length} to match the {x.Length} rows of X, got {w.Length}x{w[0].Length}");
        }

        var reconstruction = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x[0].Length; j++)
            {
                var wx = 0.0;
                for (var k = 0; k < x.Length; k++)
                {
                    wx += w[i][k] * x[k][j];
                }

                var residual = x[i][j] - wx;
                reconstruction += residual * residual;
            }
        }

        return new JsonObject
        {
            ["reconstruction"] = Answer.Number(reconstruction),
            ["regularization"] = Answer.Number(w.Sum(row => row.Sum(v => v * v))),
        };
    }
}
