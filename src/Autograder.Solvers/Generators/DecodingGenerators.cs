using Autograder.Core.Inputs;
using System.Text.Json.Nodes;
using Autograder.Core.Variants;
using Autograder.Solvers.Solvers;

namespace Autograder.Solvers.Generators;

/// <summary>
/// A full tree of next-token log-probabilities (every token of a small vocabulary at every step) where beam
/// search and greedy decoding disagree and no two scores the question depends on tie.
/// </summary>
public sealed class BeamTreeGenerator : IGenerator
{
    private static readonly string[] Words = ["deep", "learn", "neural", "net", "model", "data", "token", "train"];

    public string Id => "beam-tree";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var depth = options.Int("depth", 3);
        var width = options.Int("beam_width", 2);
        var vocabulary = options.Texts("vocabulary", Words);
        var size = options.Int("tokens", 2);
        return Retry.Until(Id, () =>
        {
            var words = vocabulary.ToList();
            rng.Shuffle(words);
            var tokens = words.Take(size).Order(StringComparer.Ordinal).ToList();
            var tree = new JsonObject { ["children"] = Level(rng, tokens, depth) };
            var parameters = new JsonObject { ["tree"] = tree, ["beam_width"] = width };
            return BeamTrees.Meaningful(parameters, requireEos: false) ? parameters : null;
        });
    }

    private static JsonArray Level(SplitMix64 rng, IReadOnlyList<string> tokens, int depth)
    {
        var logps = BeamTrees.LogProbabilities(rng, tokens.Count);
        var children = new JsonArray();
        for (var i = 0; i < tokens.Count; i++)
        {
            var child = new JsonObject { ["token"] = tokens[i], ["logp"] = logps[i] };
            if (depth > 1) child["children"] = Level(rng, tokens, depth - 1);
            children.Add(child);
        }
        return children;
    }
}

/// <summary>
/// A tree where some branches end early with the end-of-sequence token, so the beam shrinks as hypotheses
/// complete (Spring 2023 midterm Q4).
/// </summary>
public sealed class EosBeamTreeGenerator : IGenerator
{
    private static readonly string[] Words = ["I", "you", "like", "love", "cats", "dogs", "tea", "the"];

    public string Id => "beam-tree-eos";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var depth = options.Int("depth", 4);
        var width = options.Int("beam_width", 2);
        var vocabulary = options.Texts("vocabulary", Words);
        return Retry.Until(Id, () =>
        {
            var tree = new JsonObject { ["children"] = Level(rng, vocabulary, depth, first: true) };
            var parameters = new JsonObject { ["tree"] = tree, ["beam_width"] = width, ["eos"] = "<EOS>" };
            return BeamTrees.Meaningful(parameters, requireEos: true) ? parameters : null;
        });
    }

    private static JsonArray Level(SplitMix64 rng, IReadOnlyList<string> vocabulary, int depth, bool first)
    {
        var words = vocabulary.ToList();
        rng.Shuffle(words);
        var tokens = new List<string> { words[0], words[1] };
        // After the first step a branch may end; at the last step every branch ends.
        if (depth == 1) tokens = ["<EOS>", words[0]];
        else if (!first && rng.NextDouble() < 0.5) tokens[1] = "<EOS>";
        var logps = BeamTrees.LogProbabilities(rng, tokens.Count);
        var children = new JsonArray();
        for (var i = 0; i < tokens.Count; i++)
        {
            var child = new JsonObject { ["token"] = tokens[i], ["logp"] = logps[i] };
            if (tokens[i] != "<EOS>" && depth > 1) child["children"] = Level(rng, vocabulary, depth - 1, first: false);
            children.Add(child);
        }
        return children;
    }
}

internal static class BeamTrees
{
    /// <summary>Log-probabilities of a next-token distribution over n tokens (with some mass left for others), rounded to 2 decimals.</summary>
    public static double[] LogProbabilities(SplitMix64 rng, int n)
    {
        var weights = Enumerable.Range(0, n).Select(_ => rng.NextDouble(0.02, 1.0)).ToArray();
        var total = weights.Sum() / rng.NextDouble(0.9, 1.0);
        return weights.Select(w => Math.Round(Math.Log(w / total), 2, MidpointRounding.AwayFromZero)).ToArray();
    }

    /// <summary>Beam differs from greedy, no ties among complete paths or beam candidates, and (with EOS) the beam shrinks early.</summary>
    public static bool Meaningful(JsonObject parameters, bool requireEos)
    {
        var answers = new BeamSearchSolver().Solve(parameters);
        var greedy = answers["greedy"]!["sequence"]!.ToJsonString();
        var beam = answers["beam"]!["sequence"]!.ToJsonString();
        if (greedy == beam) return false;
        if (!Distinct(AllPaths(parameters["tree"]!.AsObject())) || !SiblingsDistinct(parameters["tree"]!.AsObject())) return false;
        foreach (var step in answers["beam_steps"]!.AsArray())
        {
            if (!Distinct(step!.AsArray().Select(h => h!["logp"]!.AsDouble()))) return false;
        }
        if (!requireEos) return true;
        var completed = answers["completed"]!.AsArray();
        var steps = answers["beam_steps"]!.AsArray().Count;
        var firstEnds = completed.Min(c => c!["sequence"]!.AsArray().Count);
        return completed.Count == parameters["beam_width"]!.AsLong() && firstEnds < steps
            && completed.Any(c => c!["sequence"]!.AsArray().Last()!.GetValue<string>() == "<EOS>");
    }

    private static bool Distinct(IEnumerable<double> scores)
    {
        var sorted = scores.Order().ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] - sorted[i - 1] < 0.005) return false;
        }
        return true;
    }

    private static bool SiblingsDistinct(JsonObject node) =>
        node["children"] is not JsonArray children
        || Distinct(children.Select(c => c!["logp"]!.AsDouble())) && children.All(c => SiblingsDistinct(c!.AsObject()));

    private static IEnumerable<double> AllPaths(JsonObject node, double sum = 0)
    {
        if (node["children"] is not JsonArray { Count: > 0 } children)
        {
            yield return sum;
            yield break;
        }
        foreach (var child in children)
        {
            foreach (var s in AllPaths(child!.AsObject(), sum + child["logp"]!.AsDouble())) yield return s;
        }
    }
}
