using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class ArgmaxAttentionSolver : ISolver
{
    public string Id => "argmax-attention";

    public string Description => "Attention with a one-hot argmax (first maximum) in place of softmax.";

    public JsonObject Solve(JsonObject parameters)
    {
        var inputs = AttentionInputs.Read(new ParamReader(parameters));
        var scores = inputs.Scores();
        var best = VectorMath.FirstArgmax(scores);
        return new JsonObject
        {
            ["scores"] = Answer.Vector(scores),
            ["weights"] = Answer.Vector(scores.Select((_, i) => i == best ? 1.0 : 0.0)),
            ["output"] = Answer.Vector(inputs.Values[best]),
            ["index"] = best,
        };
    }
}
