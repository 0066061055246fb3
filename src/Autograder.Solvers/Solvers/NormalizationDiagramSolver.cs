using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Names the normalization each diagram shows, from the axes of an [N, C, H, W] activation that one
/// normalization step takes together (the shaded blocks): batch norm pools N, H, W for each channel; layer
/// norm pools C, H, W for each sample; instance norm pools H, W for each sample and channel.
/// </summary>
public sealed class NormalizationDiagramSolver : ISolver
{
    private static readonly string[] Axes = ["N", "C", "H", "W"];

    private static readonly (string Name, string[] Over)[] Kinds =
    [
        ("batch", ["N", "H", "W"]),
        ("layer", ["C", "H", "W"]),
        ("instance", ["H", "W"]),
    ];

    public string Id => "normalization-diagrams";

    public string Description => "Which labelled diagram of shaded [N, C, H, W] blocks is batch, layer and instance normalization.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var diagrams = p.Objects("diagrams", minLength: 2);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < diagrams.Count; i++)
        {
            var label = diagrams[i].Text("label");
            if (!labels.Add(label)) throw p.Bad($"diagrams[{i}].label", $"'{label}' labels two diagrams");
            var over = diagrams[i].Texts("over");
            if (over.FirstOrDefault(a => !Axes.Contains(a, StringComparer.Ordinal)) is { } unknown)
                throw p.Bad($"diagrams[{i}].over", $"'{unknown}' is not one of the axes N, C, H, W");
            var set = over.ToHashSet(StringComparer.Ordinal);
            foreach (var (name, axes) in Kinds)
            {
                if (set.SetEquals(axes) && !found.TryAdd(name, label))
                    throw p.Bad($"diagrams[{i}].over", $"diagrams {found[name]} and {label} shade the same axes");
            }
        }
        var answers = new JsonObject();
        foreach (var (name, _) in Kinds) answers[name] = found.TryGetValue(name, out var label) ? label : null;
        return answers;
    }
}
