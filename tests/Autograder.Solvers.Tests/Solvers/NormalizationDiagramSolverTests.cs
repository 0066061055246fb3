using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class NormalizationDiagramSolverTests
{
    private static readonly NormalizationDiagramSolver Solver = new();

    [Fact]
    public void Solve_NamesEachDiagram_WhenTheShadedAxesAreGiven()
    {
        // Written out from the definitions: batch norm pools one channel over the batch and all pixels, layer norm
        // one sample over its channels and pixels, instance norm one sample's one channel over its pixels.
        var answers = SolverAssert.Solve(Solver, """
            {"diagrams": [
              {"label": "P", "over": ["H", "W"]},
              {"label": "Q", "over": ["W", "H", "C"]},
              {"label": "R", "over": ["N", "W", "H"]}]}
            """);

        Assert.Equal("R", answers["batch"]!.GetValue<string>());
        Assert.Equal("Q", answers["layer"]!.GetValue<string>());
        Assert.Equal("P", answers["instance"]!.GetValue<string>());
    }

    [Fact]
    public void Solve_GivesNull_WhenNoDiagramShowsAKind()
    {
        var answers = SolverAssert.Solve(Solver, """{"diagrams": [{"label": "A", "over": ["N", "H", "W"]}, {"label": "B", "over": ["N", "C", "H", "W"]}]}""");

        Assert.Equal("A", answers["batch"]!.GetValue<string>());
        Assert.Null(answers["layer"]);
    }

    [Theory]
    [InlineData("""{"diagrams": [{"label": "A", "over": ["N", "T"]}, {"label": "B", "over": ["H"]}]}""", "params.diagrams[0].over")]
    [InlineData("""{"diagrams": [{"label": "A", "over": ["H", "W"]}, {"label": "A", "over": ["N"]}]}""", "params.diagrams[1].label")]
    [InlineData("""{"diagrams": [{"label": "A", "over": ["H", "W"]}, {"label": "B", "over": ["W", "H"]}]}""", "params.diagrams[1].over")]
    [InlineData("""{"diagrams": [{"label": "A", "over": ["H", "W"]}]}""", "params.diagrams")]
    public void Solve_NamesTheField_WhenDiagramsAreInvalid(string json, string field)
    {
        SolverAssert.Rejects(Solver, json, field);
    }
}
