using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;

namespace Autograder.Sandbox.Questions;

/// <summary>
/// Semi-supervised node classification: <see cref="Prepare"/> picks <c>train_per_class</c> labelled nodes per class
/// (they become the <c>trainNodes</c> and <c>trainLabels</c> arguments); every other label stays in the grader, and
/// the submission's predictions pass when their accuracy on those held-out nodes reaches <c>threshold</c>.
/// </summary>
internal sealed class NodeAccuracyEvaluator : IEvaluator
{
    public string Id => "node-accuracy";

    public (JsonObject Inputs, JsonNode Expected) Prepare(JsonObject args, JsonObject options, SplitMix64 random)
    {
        var labels = options["labels"]!.AsArray().Select(l => (int)l.AsLong()).ToArray();
        var perClass = options["train_per_class"] is { } k ? (int)k.AsLong() : 2;
        var train = new List<int>();
        foreach (var label in labels.Distinct().Order())
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).ToList();
            random.Shuffle(members);
            train.AddRange(members.Take(perClass));
        }
        train.Sort();
        args["trainNodes"] = new JsonArray([.. train.Select(i => (JsonNode)i)]);
        args["trainLabels"] = new JsonArray([.. train.Select(i => (JsonNode)labels[i])]);
        var inputs = new JsonObject
        {
            ["labels"] = options["labels"]!.DeepClone(),
            ["train"] = new JsonArray([.. train.Select(i => (JsonNode)i)]),
            ["threshold"] = options["threshold"] is { } t ? t.AsDouble() : 0.7,
        };
        return (inputs, JsonValue.Create(true));
    }

    public JsonNode Apply(JsonNode? output, JsonObject inputs)
    {
        var labels = inputs["labels"]!.AsArray().Select(l => (int)l.AsLong()).ToArray();
        var train = inputs["train"]!.AsArray().Select(i => (int)i.AsLong()).ToHashSet();
        var threshold = inputs["threshold"].AsDouble();
        if (output is not JsonArray predictions || predictions.Count != labels.Length)
            throw new EvaluationException($"return one predicted class per node ({labels.Length} values)");
        var heldOut = Enumerable.Range(0, labels.Length).Where(i => !train.Contains(i)).ToList();
        var correct = heldOut.Count(i => predictions[i] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.AsDouble() == labels[i]);
        var accuracy = (double)correct / heldOut.Count;
        if (accuracy < threshold)
            throw new EvaluationException($"held-out accuracy {correct}/{heldOut.Count} = {accuracy:0.00}, below the {threshold:0.00} needed");
        return JsonValue.Create(true);
    }
}
