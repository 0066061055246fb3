using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class SoftmaxAttentionSolver : ISolver
{
    public string Id => "softmax-attention";

    public string Description => "Scaled dot-product attention with softmax weights (scale defaults to 1/sqrt(d)).";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var inputs = AttentionInputs.Read(p);
        var scale = p.OptionalNumber("scale", 1 / Math.Sqrt(inputs.Query.Length));
        var scores = inputs.Scores(scale);

        // Subtracting the maximum keeps exp from overflowing and leaves the softmax unchanged.
        var max = scores.Max();
        var exps = scores.Select(s => Math.Exp(s - max)).ToArray();
        var total = exps.Sum();
        var weights = exps.Select(e => e / total).ToArray();
        return new JsonObject
        {
            ["scores"] = Answer.Vector(scores),
            ["weights"] = Answer.Vector(weights),
            ["output"] = Answer.Vector(VectorMath.Combine(weights, inputs.Values)),
        };
    }
}
