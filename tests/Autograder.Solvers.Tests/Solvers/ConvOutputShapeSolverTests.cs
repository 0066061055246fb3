using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;
using FsCheck.Xunit;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class ConvOutputShapeSolverTests
{
    private static readonly ConvOutputShapeSolver Solver = new();

    [Theory]
    [InlineData(3, 1, 1, 32)]
    [InlineData(4, 2, 0, 15)]
    public void Solve_ReturnsSp23Q3aShape_WhenInputIs10x3x32x32With64Filters(int kernel, int stride, int padding, int side)
    {
        var json = $$"""{"input": [10, 3, 32, 32], "filters": 64, "kernel": {{kernel}}, "stride": {{stride}}, "padding": {{padding}}}""";

        var answers = SolverAssert.Solve(Solver, json);

        Assert.Equal([10L, 64, side, side], SolverAssert.Longs(answers["output"]));
    }

    [Fact]
    public void Solve_TreatsPairsAsHeightAndWidth_WhenPairsAreGiven()
    {
        const string json = """{"input": [1, 3, 20, 30], "filters": 8, "kernel": [3, 5], "stride": [1, 2], "padding": [1, 0], "dilation": [2, 1]}""";

        var answers = SolverAssert.Solve(Solver, json);

        // Height: (20 + 2 − 2·2 − 1)/1 + 1 = 18; width: (30 − 4 − 1)/2 + 1 = 13.
        Assert.Equal([1L, 8, 18, 13], SolverAssert.Longs(answers["output"]));
    }

    [Property(MaxTest = 500)]
    public bool Solve_MatchesSlidingWindowCount_ForAnySmallLayer(byte size, byte kernel, byte stride, byte padding, byte dilation)
    {
        int h = size % 40 + 1, k = kernel % 7 + 1, s = stride % 4 + 1, p = padding % 4, d = dilation % 3 + 1;
        var json = $$"""{"input": [2, 3, {{h}}, {{h + 1}}], "filters": 5, "kernel": {{k}}, "stride": {{s}}, "padding": {{p}}, "dilation": {{d}}}""";
        var rows = Positions(h, k, s, p, d);
        var cols = Positions(h + 1, k, s, p, d);
        if (rows == 0 || cols == 0)
        {
            var error = Assert.Throws<Core.Inputs.BadInputException>(() => Solver.Solve(SolverAssert.Parse(json)));
            return error.Field == "params.kernel";
        }

        return SolverAssert.Longs(SolverAssert.Solve(Solver, json)["output"]).SequenceEqual([2L, 5, rows, cols]);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("filters")]
    [InlineData("kernel")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["conv-output-shape"], field), $"params.{field}");

    [Fact]
    public void Solve_UsesDefaults_WhenStridePaddingAndDilationAreOmitted()
    {
        var answers = SolverAssert.Solve(Solver, """{"input": [1, 1, 5, 5], "filters": 2, "kernel": 3}""");

        Assert.Equal([1L, 2, 3, 3], SolverAssert.Longs(answers["output"]));
    }

    [Theory]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": 3, "stride": 0}""", "params.stride")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": 3, "stride": -1}""", "params.stride")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": 3, "padding": -1}""", "params.padding")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": 3, "dilation": [1, 0]}""", "params.dilation[1]")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": [3, 3, 3]}""", "params.kernel")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": 6}""", "params.kernel")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 2, "kernel": 3, "dilation": 3}""", "params.kernel")]
    [InlineData("""{"input": [1, 5, 5], "filters": 2, "kernel": 3}""", "params.input")]
    [InlineData("""{"input": [1, 1, 0, 5], "filters": 2, "kernel": 3}""", "params.input[2]")]
    [InlineData("""{"input": [1, 1, 5, 5], "filters": 0, "kernel": 3}""", "params.filters")]
    public void Solve_ThrowsBadInputNamingField_WhenValuesAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    // Slides a window of dilated taps over the padded line and counts the placements that fit.
    private static int Positions(int size, int kernel, int stride, int padding, int dilation)
    {
        var padded = size + 2 * padding;
        var count = 0;
        for (var start = 0; start < padded; start += stride)
        {
            var fits = true;
            for (var tap = 0; tap < kernel; tap++)
            {
                fits &= start + tap * dilation < padded;
            }

            count += fits ? 1 : 0;
        }

        return count;
    }
}
