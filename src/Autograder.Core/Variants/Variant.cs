using System.Text.Json.Nodes;

namespace Autograder.Core.Variants;

/// <summary>
/// One student's variant of a problem: everything is plain JSON, and it records the versions it was made
/// with so that a regrade recomputes exactly. <see cref="Mistakes"/> holds the wrong answers that the
/// feedback rules recognize (named by the solver's family).
/// </summary>
public sealed record Variant(
    string ProblemId,
    int ProblemVersion,
    string Solver,
    int SolverVersion,
    long? Seed,
    string StudentId,
    JsonObject Params,
    JsonObject Answers,
    JsonObject Mistakes)
{
    /// <summary>Resolves <c>params.x</c>, <c>answers.beam.sequence</c>, <c>mistakes.no_floor.output</c>, <c>answers.rows[2].params</c>.</summary>
    public JsonNode? Resolve(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? path : path[..dot];
        JsonNode? root = head switch
        {
            "params" => Params,
            "answers" => Answers,
            "mistakes" => Mistakes,
            _ => throw new ArgumentException($"path '{path}' must start with params., answers. or mistakes."),
        };
        return dot < 0 ? root : JsonPath.Resolve(root, path[(dot + 1)..]);
    }

    public JsonObject ToJson() => new()
    {
        ["problem"] = ProblemId,
        ["problem_version"] = ProblemVersion,
        ["solver"] = Solver,
        ["solver_version"] = SolverVersion,
        ["seed"] = Seed,
        ["student"] = StudentId,
        ["params"] = Params.DeepClone(),
        ["answers"] = Answers.DeepClone(),
    };
}

/// <summary>Dotted paths with indexes into plain JSON: <c>rows[2].params</c>.</summary>
public static class JsonPath
{
    public static JsonNode? Resolve(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment;
            var indexes = new List<int>();
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = segment[..bracket];
                foreach (var part in segment[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
                    indexes.Add(int.Parse(part.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture));
            }
            if (name.Length > 0) node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
            foreach (var i in indexes) node = node is JsonArray a && i >= 0 && i < a.Count ? a[i] : null;
            if (node is null) return null;
        }
        return node;
    }
}
