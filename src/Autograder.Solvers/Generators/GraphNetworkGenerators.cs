using System.Text.Json.Nodes;
using Autograder.Core.Variants;
using Autograder.Solvers.Solvers;

namespace Autograder.Solvers.Generators;

/// <summary>Three node-update rules drawn from the known ones, at least one of them invalid (Fall 2022 midterm Q10a).</summary>
public sealed class GnnRulesGenerator : IGenerator
{
    public string Id => "gnn-rules";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var count = options.Int("rules", 3);
        var solver = new GnnUpdateValiditySolver();
        return Retry.Until(Id, () =>
        {
            var ids = GnnUpdateValiditySolver.RuleIds.Order(StringComparer.Ordinal).ToList();
            rng.Shuffle(ids);
            var parameters = new JsonObject { ["rules"] = new JsonArray([.. ids.Take(count).Select(i => (JsonNode)JsonValue.Create(i))]) };
            var verdicts = solver.Solve(parameters)["verdicts"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
            return verdicts.Contains("invalid") && verdicts.Contains("valid") ? parameters : null;
        });
    }
}

/// <summary>
/// A connected five-node graph with labels, two held-out nodes, two asked training nodes with different numbers of
/// neighbors, and state and hidden sizes (Fall 2022 midterm Q10b and c).
/// </summary>
public sealed class GnnGraphGenerator : IGenerator
{
    public string Id => "gnn-graph";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        const int nodes = 5;
        return Retry.Until(Id, () =>
        {
            var edges = new List<(int, int)>();
            for (var i = 1; i <= nodes; i++)
            {
                for (var j = i + 1; j <= nodes; j++)
                {
                    if (rng.NextDouble() < 0.4) edges.Add((i, j));
                }
            }
            if (!Connected(nodes, edges)) return null;
            var order = Enumerable.Range(1, nodes).ToList();
            rng.Shuffle(order);
            var held = order.Take(2).Order().ToArray();
            var asked = order.Skip(2).Take(2).Order().ToArray();
            int Degree(int n) => edges.Count(e => e.Item1 == n || e.Item2 == n);
            if (Degree(asked[0]) == Degree(asked[1])) return null;
            var labels = Enumerable.Range(0, nodes).Select(_ => rng.NextInt(0, 1)).ToArray();
            var trainLabels = order.Skip(2).Select(n => labels[n - 1]).ToList();
            // One training node of class 0: its log(1 − ŷ) term is only defined for ŷ < 1, and formula answers are
            // compared at sample points up to 2, so more such terms would leave too few points to compare at.
            if (trainLabels.Count(l => l == 0) != 1) return null;
            var stateDim = rng.Pick([8, 16, 32, 64]);
            var hidden = rng.Pick([4, 10, 12, 20, 24]);
            return new JsonObject
            {
                ["nodes"] = nodes,
                ["edges"] = new JsonArray([.. edges.Select(e => (JsonNode)J.Ints([e.Item1, e.Item2]))]),
                ["labels"] = J.Ints(labels),
                ["held_out"] = J.Ints(held),
                ["asked"] = J.Ints(asked),
                ["state_dim"] = stateDim,
                ["hidden_rows"] = hidden,
                ["predictions"] = J.Vector(Enumerable.Range(0, nodes).Select(_ => rng.Pick([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]))),
                ["names"] = new JsonArray([.. "abcde".Select(c => (JsonNode)JsonValue.Create(c.ToString()))]),
            };
        });
    }

    private static bool Connected(int nodes, List<(int, int)> edges)
    {
        var seen = new HashSet<int> { 1 };
        var frontier = new Stack<int>([1]);
        while (frontier.Count > 0)
        {
            var n = frontier.Pop();
            foreach (var (a, b) in edges)
            {
                var other = a == n ? b : b == n ? a : 0;
                if (other != 0 && seen.Add(other)) frontier.Push(other);
            }
        }
        return seen.Count == nodes;
    }
}
