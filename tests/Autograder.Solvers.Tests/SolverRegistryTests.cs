using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests;

public sealed class SolverRegistryTests
{
    private static readonly string[] ContractIds =
    [
        "beam-search", "argmax-attention", "softmax-attention", "conv-output-shape", "cnn-layer-table",
        "receptive-field", "dilated-conv", "bn-simplified-gradient", "rnn-backprop", "purifier-lambda-range",
        "purifier-losses", "scaled-dot-product", "linear-rnn-attention", "gnn-masked-bce", "adam-step",
    ];

    private static readonly JsonNode?[] Replacements =
    [
        null, "x", true, 0, -1, 2.5, 1e300, -1e300, new JsonArray(), new JsonArray(1), new JsonArray(new JsonArray(1)), new JsonObject(),
    ];

    public static TheoryData<string> Ids() => [.. ContractIds];

    [Fact]
    public void All_HoldsEveryContractId_WhenRegistryIsBuilt()
    {
        // The contract welcomes more solvers, so only its own ids are required.
        Assert.Empty(ContractIds.Except(SolverRegistry.All.Select(s => s.Id), StringComparer.Ordinal));
        Assert.All(SolverRegistry.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
    }

    [Fact]
    public void Get_ThrowsBadInput_WhenIdIsUnknown()
    {
        var error = Assert.Throws<BadInputException>(() => SolverRegistry.Get("no-such-solver"));
        Assert.Equal("solver", error.Field);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Solve_SucceedsOnSample_WhenParamsAreValid(string id)
    {
        var answers = SolverAssert.Solve(SolverRegistry.Get(id), Samples.ById[id]);
        Assert.NotEmpty(answers);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Solve_NamesAParamsField_WhenParamsAreEmpty(string id)
    {
        var error = Assert.Throws<BadInputException>(() => SolverRegistry.Get(id).Solve([]));
        Assert.StartsWith("params.", error.Field, StringComparison.Ordinal);
    }

    // Every value anywhere in the sample is replaced by junk or removed: the solver answers or throws BadInputException, nothing else.
    [Theory]
    [MemberData(nameof(Ids))]
    public void Solve_ThrowsOnlyBadInput_WhenAnyValueIsCorrupted(string id)
    {
        var solver = SolverRegistry.Get(id);
        var sample = SolverAssert.Parse(Samples.ById[id]);
        foreach (var path in Paths(sample, []))
        {
            foreach (var replacement in Replacements.Append(Removed))
            {
                var parameters = SolverAssert.Parse(Samples.ById[id]);
                Corrupt(parameters, path, replacement);
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
                    Assert.Fail($"{id}: {string.Join('/', path)} := {replacement?.ToJsonString() ?? "null"} threw {other}");
                }
            }
        }
    }

    private static readonly JsonObject Removed = new() { ["__removed"] = true };

    private static IEnumerable<object[]> Paths(JsonNode node, object[] prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    object[] path = [.. prefix, name];
                    yield return path;
                    if (child is not null)
                    {
                        foreach (var inner in Paths(child, path))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    yield return path;
                    foreach (var inner in Paths(array[i]!, path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static void Corrupt(JsonObject root, object[] path, JsonNode? replacement)
    {
        JsonNode parent = root;
        foreach (var step in path[..^1])
        {
            parent = step is string name ? parent[name]! : parent[(int)step]!;
        }

        var copy = replacement?.DeepClone();
        switch (path[^1], parent)
        {
            case (string name, JsonObject obj) when ReferenceEquals(replacement, Removed):
                obj.Remove(name);
                break;
            case (int index, JsonArray array) when ReferenceEquals(replacement, Removed):
                array.RemoveAt(index);
                break;
            case (string name, JsonObject obj):
                obj[name] = copy;
                break;
            case (int index, JsonArray array):
                array[index] = copy;
                break;
        }
    }
}
