using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

/// <summary>
/// The Fall 2022 midterm and Homework 6 solvers answer or refuse with a field name, never anything else, whatever
/// value anywhere in valid params is replaced by junk.
/// </summary>
public sealed class Fall2022SolverRobustnessTests
{
    private static readonly Dictionary<string, string> Valid = new(StringComparer.Ordinal)
    {
        ["batchnorm-gaussian"] = """{"mean": [2, -1], "std": [2, 0.5], "correlation": 0.5, "gamma": [1, 2], "beta": 0}""",
        ["rnn-backprop-edges"] = """{"w": 2, "u": [1, 2, 3]}""",
        ["circular-shift-features"] = """{"images": [[[1, 0], [0, 0]], [[0, 1], [1, 0]]], "features": [[0.8, 0], [0, 0.8]], "queries": [[[0, 0], [0, 1]]]}""",
        ["decoder-inputs"] = """{"reference": ["I", "see"], "generated": ["I", "saw"], "sos": "<SOS>", "eos": "<EOS>"}""",
        ["gnn-update-validity"] = """{"rules": ["mean", "first-neighbor"]}""",
        ["gnn-small-graph"] = """
            {"nodes": 3, "edges": [[1, 2], [2, 3]], "labels": [0, 1, 1], "held_out": [1], "asked": [2],
             "state_dim": 4, "hidden_rows": 2, "predictions": [0.5, 0.7, 0.9], "names": ["a", "b", "c"]}
            """,
        ["dropout-tikhonov"] = """{"X": [[1, 2], [3, 0]], "p": 0.8, "w_dropout": [1, 2], "y": [1, 2]}""",
        ["polynomial-kernel-attention"] = """{"q": [1, 0, 2], "k": [2, 1, 1], "degree": 2, "c": 1}""",
        ["linear-autoencoder-pca"] = """{"X": [[2, -2, 2, -2], [1, 1, -1, -1], [0, 1, 0, -1]], "k": 1}""",
        ["none"] = """{}""",
    };

    private static readonly JsonNode?[] Junk =
    [
        null, "x", true, 0, -1, 2.5, 1e300, -1e300, new JsonArray(), new JsonArray(1), new JsonArray(new JsonArray(1)), new JsonObject(),
        new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode)i)]),
    ];

    public static TheoryData<string> Ids() => [.. Valid.Keys];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Solve_ThrowsOnlyBadInput_WhenAnyValueIsCorrupted(string id)
    {
        var solver = SolverRegistry.Get(id);
        Assert.NotEmpty(solver.Description);
        _ = solver.Solve(SolverAssert.Parse(Valid[id])).ToJsonString();
        foreach (var path in Paths(SolverAssert.Parse(Valid[id]), []))
        {
            foreach (var junk in Junk.Append(Removed))
            {
                var parameters = SolverAssert.Parse(Valid[id]);
                Replace(parameters, path, junk);
                try
                {
                    _ = solver.Solve(parameters).ToJsonString();
                }
                catch (BadInputException error)
                {
                    Assert.StartsWith("params", error.Field, StringComparison.Ordinal);
                }
                catch (Exception other)
                {
                    Assert.Fail($"{id}: {string.Join('/', path)} := {junk?.ToJsonString() ?? "null"} threw {other}");
                }
            }
        }
    }

    private static readonly JsonNode Removed = JsonValue.Create("(removed)");

    private static IEnumerable<List<object>> Paths(JsonNode? node, List<object> prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    List<object> path = [.. prefix, key];
                    yield return path;
                    foreach (var deeper in Paths(child, path)) yield return deeper;
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    List<object> path = [.. prefix, i];
                    yield return path;
                    foreach (var deeper in Paths(a[i], path)) yield return deeper;
                }

                break;
        }
    }

    private static void Replace(JsonNode root, List<object> path, JsonNode? junk)
    {
        var parent = root;
        foreach (var step in path.Take(path.Count - 1)) parent = step is string key ? parent[key]! : parent[(int)step]!;
        var value = ReferenceEquals(junk, Removed) ? null : junk?.DeepClone();
        switch (path[^1])
        {
            case string key when ReferenceEquals(junk, Removed):
                parent.AsObject().Remove(key);
                break;
            case string key:
                parent[key] = value;
                break;
            case int index when ReferenceEquals(junk, Removed):
                parent.AsArray().RemoveAt(index);
                break;
            case int index:
                parent[index] = value;
                break;
        }
    }
}
