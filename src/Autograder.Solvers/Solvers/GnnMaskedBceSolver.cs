using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class GnnMaskedBceSolver : ISolver
{
    public string Id => "gnn-masked-bce";

    public string Description => "Mean binary cross-entropy (natural log) over the nodes in the training mask.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var labels = p.Integers("labels", min: 0);
        var predictions = p.Vector("predictions");
        var mask = p.Flags("train_mask");
        if (predictions.Length != labels.Length)
        {
            throw p.Bad("predictions", $"has {predictions.Length} entries but labels has {labels.Length}");
        }

        if (mask.Length != labels.Length)
        {
            throw p.Bad("train_mask", $"has {mask.Length} entries but labels has {labels.Length}");
        }

        var total = 0.0;
        var count = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 1)
            {
                throw new BadInputException($"{p.Field("labels")}[{i}]", "must be 0 or 1");
            }

            if (predictions[i] is < 0 or > 1)
            {
                throw new BadInputException($"{p.Field("predictions")}[{i}]", "must be a probability in [0, 1]");
            }

            if (!mask[i])
            {
                continue;
            }

            // Only the term of the true label counts, so a confident correct 0 or 1 costs nothing.
            var likelihood = labels[i] == 1 ? predictions[i] : 1 - predictions[i];
            if (likelihood == 0)
            {
                throw new BadInputException($"{p.Field("predictions")}[{i}]", "gives the true label probability 0, so the loss is infinite");
            }

            total -= Math.Log(likelihood);
            count++;
        }

        return count > 0
            ? new JsonObject { ["loss"] = Answer.Number(total / count), ["count"] = count }
            : throw p.Bad("train_mask", "selects no node, so the mean is undefined");
    }
}
