using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;
using FsCheck.Xunit;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class ReceptiveFieldSolverTests
{
    private static readonly ReceptiveFieldSolver Solver = new();

    [Fact]
    public void Solve_Returns7_WhenLayersAreSp23Q3dii()
    {
        var answers = SolverAssert.Solve(Solver, Samples.ById["receptive-field"]);

        Assert.Equal(7, answers["size"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"layers": [{"kernel": 3}]}""", 3)]
    [InlineData("""{"layers": [{"kernel": 3}, {"kernel": 3}, {"kernel": 3}]}""", 7)]
    [InlineData("""{"layers": [{"kernel": 2, "stride": 2}, {"kernel": 2, "stride": 2}, {"kernel": 2, "stride": 2}]}""", 8)]
    [InlineData("""{"layers": [{"kernel": 3, "dilation": 1}, {"kernel": 3, "dilation": 2}, {"kernel": 3, "dilation": 4}]}""", 15)]
    [InlineData("""{"layers": []}""", 1)]
    public void Solve_ReturnsKnownSize_WhenStackIsClassic(string json, long size) =>
        Assert.Equal(size, SolverAssert.Solve(Solver, json)["size"]!.GetValue<long>());

    // Propagates the set of positions one output pixel depends on back through every layer.
    [Property(MaxTest = 300)]
    public bool Solve_MatchesBackwardDependencySet_ForAnySmallStack(byte[] seeds)
    {
        var layers = seeds.Take(5).Select(b => (Kernel: b % 4 + 1, Stride: (b >> 2) % 3 + 1, Dilation: (b >> 4) % 3 + 1)).ToList();
        var json = new JsonObject
        {
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)new JsonObject { ["kernel"] = l.Kernel, ["stride"] = l.Stride, ["dilation"] = l.Dilation })]),
        };

        var positions = new HashSet<long> { 0 };
        foreach (var layer in Enumerable.Reverse(layers))
        {
            positions = [.. positions.SelectMany(o => Enumerable.Range(0, layer.Kernel).Select(i => (o * layer.Stride) + (i * layer.Dilation)))];
        }

        var expected = positions.Max() - positions.Min() + 1;
        return SolverAssert.Solve(Solver, json)["size"]!.GetValue<long>() == expected;
    }

    [Theory]
    [InlineData("""{}""", "params.layers")]
    [InlineData("""{"layers": [{"stride": 2}]}""", "params.layers[0].kernel")]
    [InlineData("""{"layers": [{"kernel": 3}, {"kernel": 0}]}""", "params.layers[1].kernel")]
    [InlineData("""{"layers": [{"kernel": 3, "stride": 0}]}""", "params.layers[0].stride")]
    [InlineData("""{"layers": [{"kernel": 3, "dilation": 0}]}""", "params.layers[0].dilation")]
    [InlineData("""{"layers": [3]}""", "params.layers[0]")]
    public void Solve_ThrowsBadInputNamingField_WhenLayerIsInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
