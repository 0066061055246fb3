using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Sandbox.Questions;

/// <summary>The submission's returned value cannot be evaluated (wrong shape, not finite); the message is for the student.</summary>
public sealed class EvaluationException(string message) : Exception(message);

/// <summary>
/// Runs in the grader, never in the child: for questions whose submission returns a design (weights set by hand)
/// rather than an answer, <see cref="Prepare"/> draws the inputs and the target, and <see cref="Apply"/> runs the
/// design on those inputs. Only plain numbers cross from the child, and their shapes are checked before any use.
/// </summary>
public interface IEvaluator
{
    string Id { get; }

    (JsonObject Inputs, JsonNode Expected) Prepare(JsonObject args, JsonObject options, SplitMix64 random);

    JsonNode Apply(JsonNode? output, JsonObject inputs);
}

public static class Evaluators
{
    private static readonly Dictionary<string, IEvaluator> ById = new IEvaluator[] { new AttentionSelectEvaluator(), new NodeAccuracyEvaluator(), new AutoencoderPcaEvaluator() }.ToDictionary(e => e.Id, StringComparer.Ordinal);

    public static IEnumerable<string> Ids => ById.Keys.Order(StringComparer.Ordinal);

    public static bool Exists(string id) => ById.ContainsKey(id);

    public static IEvaluator Get(string id) => ById[id];
}
