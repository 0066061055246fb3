using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class BeamSearchSolver : ISolver
{
    public string Id => "beam-search";

    public string Description => "Greedy, exhaustive and beam decoding over a tree of next-token log-probabilities.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var tree = p.Object("tree");
        var root = new Node(string.Empty, 0, ReadChildren(tree, tree.Objects("children")));
        var width = p.Integer("beam_width", min: 1);
        var eos = p.OptionalText("eos") ?? "<EOS>";

        var start = new Hypothesis([], 0, root);
        var beam = Beam(start, width, eos);
        return new JsonObject
        {
            ["greedy"] = Greedy(start, eos).ToJson(),
            ["exhaustive"] = Exhaustive(start, eos).ToJson(),
            ["beam"] = beam.Completed[0].ToJson(),
            ["completed"] = new JsonArray([.. beam.Completed.Select(h => (JsonNode)h.ToJson())]),
            ["beam_steps"] = new JsonArray([.. beam.Steps.Select(step => (JsonNode)new JsonArray([.. step.Select(h => (JsonNode)h.ToJson())]))]),
        };
    }

    private static List<Node> ReadChildren(ParamReader parent, IReadOnlyList<ParamReader> children)
    {
        var nodes = new List<Node>(children.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            var token = child.Text("token");
            if (!seen.Add(token))
            {
                throw child.Bad("token", $"'{token}' appears twice among the children of {parent.Path}");
            }

            nodes.Add(new Node(token, child.Number("logp"), ReadChildren(child, child.OptionalObjects("children"))));
        }

        return nodes;
    }

    private static Hypothesis Greedy(Hypothesis start, string eos)
    {
        var current = start;
        while (!current.IsComplete(eos))
        {
            current = current.Node.Children.Select(current.Extend).Order(ScoreOrder.Instance).First();
        }

        return current;
    }

    private static Hypothesis Exhaustive(Hypothesis start, string eos)
    {
        var complete = new List<Hypothesis>();
        var pending = new Stack<Hypothesis>(start.Node.Children.Select(start.Extend));
        while (pending.TryPop(out var hypothesis))
        {
            if (hypothesis.IsComplete(eos))
            {
                complete.Add(hypothesis);
            }
            else
            {
                foreach (var child in hypothesis.Node.Children)
                {
                    pending.Push(hypothesis.Extend(child));
                }
            }
        }

        return complete.Order(ScoreOrder.Instance).First();
    }

    private static BeamResult Beam(Hypothesis start, int width, string eos)
    {
        var active = new List<Hypothesis> { start };
        var completed = new List<Hypothesis>();
        var steps = new List<List<Hypothesis>>();
        while (width > 0 && active.Count > 0)
        {
            var kept = active
                .SelectMany(h => h.Node.Children.Select(h.Extend))
                .Order(ScoreOrder.Instance)
                .Take(width)
                .ToList();
            steps.Add(kept);
            var done = kept.Where(h => h.IsComplete(eos)).ToList();
            completed.AddRange(done);
            width -= done.Count;
            active = [.. kept.Where(h => !h.IsComplete(eos))];
        }

        // The root has children, so step one keeps at least one hypothesis and the loop ends only after a completion.
        completed.Sort(ScoreOrder.Instance);
        return new BeamResult(completed, steps);
    }

    private sealed record Node(string Token, double LogP, IReadOnlyList<Node> Children);

    private sealed record BeamResult(List<Hypothesis> Completed, List<List<Hypothesis>> Steps);

    private sealed record Hypothesis(IReadOnlyList<string> Tokens, double LogP, Node Node)
    {
        // Trees are written with decimals like -0.35; rounding keeps sums that are equal on paper equal here.
        public double Score => Math.Round(LogP, 10);

        public bool IsComplete(string eos) =>
            Tokens.Count > 0 && (Node.Children.Count == 0 || string.Equals(Node.Token, eos, StringComparison.Ordinal));

        public Hypothesis Extend(Node child) => new([.. Tokens, child.Token], LogP + child.LogP, child);

        public JsonObject ToJson() => new()
        {
            ["sequence"] = Answer.Texts(Tokens),
            ["logp"] = Answer.Number(Score),
        };
    }

    /// <summary>Score descending, then token sequences in ordinal order.</summary>
    private sealed class ScoreOrder : IComparer<Hypothesis>
    {
        public static readonly ScoreOrder Instance = new();

        public int Compare(Hypothesis? x, Hypothesis? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byScore = y.Score.CompareTo(x.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            for (var i = 0; i < Math.Min(x.Tokens.Count, y.Tokens.Count); i++)
            {
                var byToken = string.CompareOrdinal(x.Tokens[i], y.Tokens[i]);
                if (byToken != 0)
                {
                    return byToken;
                }
            }

            return x.Tokens.Count.CompareTo(y.Tokens.Count);
        }
    }
}
