using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class BeamSearchSolverTests
{
    private static readonly BeamSearchSolver Solver = new();

    private static string Fa22(int width) => $$"""{"tree": {{Samples.Fa22BeamTree}}, "beam_width": {{width}}}""";

    [Fact]
    public void Solve_ReturnsExhaustiveLearnLearnDeep_WhenTreeIsFa22Q8()
    {
        var answers = SolverAssert.Solve(Solver, Fa22(2));

        AssertHypothesis(answers["exhaustive"], -0.97, "learn", "learn", "deep");
    }

    [Fact]
    public void Solve_ReturnsGreedySequence_WhenTreeIsFa22Q8()
    {
        var answers = SolverAssert.Solve(Solver, Fa22(2));

        AssertHypothesis(answers["greedy"], -1.08, "deep", "deep", "deep");
    }

    [Fact]
    public void Solve_ReturnsBeamLearnLearnDeep_WhenTreeIsFa22Q8AndWidthIs2()
    {
        var answers = SolverAssert.Solve(Solver, Fa22(2));

        AssertHypothesis(answers["beam"], -0.97, "learn", "learn", "deep");
        var completed = answers["completed"]!.AsArray();
        Assert.Equal(2, completed.Count);
        AssertHypothesis(completed[0], -0.97, "learn", "learn", "deep");
        AssertHypothesis(completed[1], -1.08, "deep", "deep", "deep");
    }

    [Fact]
    public void Solve_ListsTheSolutionBeams_WhenTreeIsFa22Q8AndWidthIs2()
    {
        var steps = SolverAssert.Solve(Solver, Fa22(2))["beam_steps"]!.AsArray();

        Assert.Equal(3, steps.Count);
        AssertHypothesis(steps[0]![0], -0.51, "deep");
        AssertHypothesis(steps[0]![1], -0.91, "learn");
        AssertHypothesis(steps[1]![0], -0.86, "deep", "deep");
        AssertHypothesis(steps[1]![1], -0.92, "learn", "learn");
        AssertHypothesis(steps[2]![0], -0.97, "learn", "learn", "deep");
        AssertHypothesis(steps[2]![1], -1.08, "deep", "deep", "deep");
    }

    [Fact]
    public void Solve_ReturnsGreedyAnswer_WhenWidthIs1()
    {
        var answers = SolverAssert.Solve(Solver, Fa22(1));

        AssertHypothesis(answers["beam"], -1.08, "deep", "deep", "deep");
        Assert.Single(answers["completed"]!.AsArray());
    }

    [Fact]
    public void Solve_CompletesAtEos_WhenEosNodeHasChildren()
    {
        const string json = """
            {"beam_width": 2, "tree": {"children": [
              {"token": "I", "logp": -0.2, "children": [
                {"token": "<EOS>", "logp": -0.1, "children": [{"token": "never", "logp": 0}]},
                {"token": "am", "logp": -0.3, "children": [{"token": "<EOS>", "logp": -0.4}]}]},
              {"token": "we", "logp": -0.6, "children": [{"token": "<EOS>", "logp": -0.05}]}]}}
            """;

        var answers = SolverAssert.Solve(Solver, json);

        AssertHypothesis(answers["greedy"], -0.3, "I", "<EOS>");
        AssertHypothesis(answers["exhaustive"], -0.3, "I", "<EOS>");
        // Step 2 keeps "I <EOS>" (complete, width drops to 1) and "I am"; step 3 completes "I am <EOS>".
        var completed = answers["completed"]!.AsArray();
        Assert.Equal(2, completed.Count);
        AssertHypothesis(completed[0], -0.3, "I", "<EOS>");
        AssertHypothesis(completed[1], -0.9, "I", "am", "<EOS>");
        var steps = answers["beam_steps"]!.AsArray();
        Assert.Equal(3, steps.Count);
        Assert.Single(steps[2]!.AsArray());
    }

    [Fact]
    public void Solve_UsesGivenEos_WhenEosIsSet()
    {
        const string json = """
            {"beam_width": 1, "eos": ".", "tree": {"children": [
              {"token": ".", "logp": -0.1, "children": [{"token": "more", "logp": -0.1}]},
              {"token": "a", "logp": -0.5}]}}
            """;

        var answers = SolverAssert.Solve(Solver, json);

        AssertHypothesis(answers["beam"], -0.1, ".");
        AssertHypothesis(answers["exhaustive"], -0.1, ".");
    }

    [Fact]
    public void Solve_BreaksTiesByOrdinalTokenOrder_WhenScoresAreEqual()
    {
        const string json = """
            {"beam_width": 1, "tree": {"children": [
              {"token": "b", "logp": -0.5}, {"token": "B", "logp": -0.5}, {"token": "a", "logp": -0.5}]}}
            """;

        var answers = SolverAssert.Solve(Solver, json);

        // Ordinal order puts upper case before lower case.
        AssertHypothesis(answers["greedy"], -0.5, "B");
        AssertHypothesis(answers["beam"], -0.5, "B");
        AssertHypothesis(answers["exhaustive"], -0.5, "B");
    }

    [Fact]
    public void Solve_TreatsDecimalSumsAsTies_WhenTheyAreEqualOnPaper()
    {
        // -0.1 + -0.2 is -0.30000000000000004 in doubles; on paper it ties with -0.3.
        const string json = """
            {"beam_width": 1, "tree": {"children": [
              {"token": "b", "logp": -0.3},
              {"token": "a", "logp": -0.1, "children": [{"token": "x", "logp": -0.2}]}]}}
            """;

        var answers = SolverAssert.Solve(Solver, json);

        AssertHypothesis(answers["exhaustive"], -0.3, "a", "x");
    }

    [Theory]
    [InlineData("""{"beam_width": 2}""", "params.tree")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1}]}}""", "params.beam_width")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1}]}, "beam_width": 0}""", "params.beam_width")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1}]}, "beam_width": 1.5}""", "params.beam_width")]
    [InlineData("""{"tree": {"children": []}, "beam_width": 1}""", "params.tree.children")]
    [InlineData("""{"tree": {}, "beam_width": 1}""", "params.tree.children")]
    [InlineData("""{"tree": {"children": [{"token": "a"}]}, "beam_width": 1}""", "params.tree.children[0].logp")]
    [InlineData("""{"tree": {"children": [{"logp": -1}]}, "beam_width": 1}""", "params.tree.children[0].token")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1, "children": [{"token": "b", "logp": "x"}]}]}, "beam_width": 1}""", "params.tree.children[0].children[0].logp")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1, "children": 3}]}, "beam_width": 1}""", "params.tree.children[0].children")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1}, {"token": "a", "logp": -2}]}, "beam_width": 1}""", "params.tree.children[1].token")]
    [InlineData("""{"tree": {"children": [{"token": "a", "logp": -1}]}, "beam_width": 1, "eos": 5}""", "params.eos")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    [Fact]
    public void Solve_MatchesEnumerationAndNaiveBeam_WhenTreesAreRandom()
    {
        var random = new Random(182);
        for (var trial = 0; trial < 400; trial++)
        {
            var eos = random.Next(3) == 0 ? "c" : "<EOS>";
            var tree = RandomTree(random, depth: random.Next(1, 5));
            var width = random.Next(1, 5);
            var parameters = new JsonObject { ["tree"] = ToJson(tree), ["beam_width"] = width };
            if (eos != "<EOS>")
            {
                parameters["eos"] = eos;
            }

            var answers = SolverAssert.Solve(Solver, parameters);

            var complete = Enumerate(tree, [], 0, eos).ToList();
            var best = complete.Aggregate((a, b) => Better(a, b) ? a : b);
            AssertHypothesis(answers["exhaustive"], best);
            AssertHypothesis(answers["greedy"], Greedy(tree, eos));

            var (completed, steps) = NaiveBeam(tree, width, eos);
            AssertHypothesis(answers["beam"], completed[0]);
            AssertHypotheses(answers["completed"], completed);
            var actualSteps = answers["beam_steps"]!.AsArray();
            Assert.Equal(steps.Count, actualSteps.Count);
            for (var s = 0; s < steps.Count; s++)
            {
                AssertHypotheses(actualSteps[s], steps[s]);
            }

            // A beam at least as wide as the number of complete paths never prunes, so it finds the exhaustive best.
            var wide = SolverAssert.Solve(Solver, new JsonObject { ["tree"] = ToJson(tree), ["beam_width"] = complete.Count, ["eos"] = eos });
            AssertHypothesis(wide["beam"], best);
        }
    }

    // Log-probabilities are whole hundredths here so the test can add them exactly as integers.
    private sealed record TestNode(string Token, int Hundredths, List<TestNode> Children);

    private sealed record Path(string[] Tokens, int Hundredths);

    private static TestNode RandomTree(Random random, int depth)
    {
        string[] alphabet = ["a", "b", "c", "<EOS>", "B"];
        TestNode Build(string token, int level)
        {
            var children = new List<TestNode>();
            if (level < depth && (level == 0 || random.Next(4) > 0))
            {
                var count = random.Next(1, 4);
                foreach (var childToken in alphabet.OrderBy(_ => random.Next()).Take(count))
                {
                    children.Add(Build(childToken, level + 1));
                }
            }

            // Few distinct values so that ties between paths are common.
            return new TestNode(token, -random.Next(0, 8) * 10, children);
        }

        return Build(string.Empty, 0);
    }

    private static JsonObject ToJson(TestNode node)
    {
        var json = new JsonObject();
        if (node.Token.Length > 0)
        {
            json["token"] = node.Token;
            json["logp"] = node.Hundredths / 100.0;
        }

        if (node.Children.Count > 0 || node.Token.Length == 0)
        {
            json["children"] = new JsonArray([.. node.Children.Select(c => (JsonNode)ToJson(c))]);
        }

        return json;
    }

    private static bool Ends(TestNode node, string eos) => node.Children.Count == 0 || node.Token == eos;

    private static IEnumerable<Path> Enumerate(TestNode node, string[] prefix, int sum, string eos)
    {
        foreach (var child in node.Children)
        {
            string[] tokens = [.. prefix, child.Token];
            var total = sum + child.Hundredths;
            if (Ends(child, eos))
            {
                yield return new Path(tokens, total);
            }
            else
            {
                foreach (var path in Enumerate(child, tokens, total, eos))
                {
                    yield return path;
                }
            }
        }
    }

    private static bool Better(Path a, Path b) => a.Hundredths != b.Hundredths ? a.Hundredths > b.Hundredths : LexLess(a.Tokens, b.Tokens);

    private static bool LexLess(string[] a, string[] b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c < 0;
            }
        }

        return a.Length < b.Length;
    }

    private static Path Greedy(TestNode root, string eos)
    {
        var node = root;
        var tokens = new List<string>();
        var sum = 0;
        do
        {
            var pick = node.Children[0];
            foreach (var child in node.Children.Skip(1))
            {
                if (child.Hundredths > pick.Hundredths || (child.Hundredths == pick.Hundredths && string.CompareOrdinal(child.Token, pick.Token) < 0))
                {
                    pick = child;
                }
            }

            node = pick;
            tokens.Add(pick.Token);
            sum += pick.Hundredths;
        }
        while (!Ends(node, eos));

        return new Path([.. tokens], sum);
    }

    // A second beam search written with index paths and insertion sort, following the contract's words step by step.
    private static (List<Path> Completed, List<List<Path>> Steps) NaiveBeam(TestNode root, int k, string eos)
    {
        var width = k;
        var active = new List<(TestNode Node, Path Path)> { (root, new Path([], 0)) };
        var completed = new List<Path>();
        var steps = new List<List<Path>>();
        while (width > 0 && active.Count > 0)
        {
            var ranked = new List<(TestNode Node, Path Path)>();
            foreach (var (node, path) in active)
            {
                foreach (var child in node.Children)
                {
                    var candidate = (child, new Path([.. path.Tokens, child.Token], path.Hundredths + child.Hundredths));
                    var at = 0;
                    while (at < ranked.Count && !Better(candidate.Item2, ranked[at].Path))
                    {
                        at++;
                    }

                    ranked.Insert(at, candidate);
                }
            }

            var kept = ranked.GetRange(0, Math.Min(width, ranked.Count));
            steps.Add([.. kept.Select(h => h.Path)]);
            active = [];
            foreach (var hypothesis in kept)
            {
                if (Ends(hypothesis.Node, eos))
                {
                    completed.Add(hypothesis.Path);
                    width--;
                }
                else
                {
                    active.Add(hypothesis);
                }
            }
        }

        var sorted = new List<Path>();
        foreach (var path in completed)
        {
            var at = 0;
            while (at < sorted.Count && !Better(path, sorted[at]))
            {
                at++;
            }

            sorted.Insert(at, path);
        }

        return (sorted, steps);
    }

    private static void AssertHypotheses(JsonNode? actual, List<Path> expected)
    {
        var array = actual!.AsArray();
        Assert.Equal(expected.Count, array.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertHypothesis(array[i], expected[i]);
        }
    }

    private static void AssertHypothesis(JsonNode? actual, Path expected) =>
        AssertHypothesis(actual, expected.Hundredths / 100.0, expected.Tokens);

    private static void AssertHypothesis(JsonNode? actual, double logp, params string[] sequence)
    {
        Assert.Equal(sequence, SolverAssert.Tokens(actual!["sequence"]));
        SolverAssert.Close(logp, SolverAssert.Number(actual["logp"]), 1e-12);
        Assert.Equal(["logp", "sequence"], actual.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
