using System.Text.Json.Nodes;
using Autograder.Tensors.CrossChecks;

namespace Autograder.Tensors.Tests.CrossChecks;

public sealed class ConvolutionCrossCheckTests
{
    public static TheoryData<int> Cases => ReferenceSolver.Cases;

    [Theory]
    [InlineData(3, 1, 1, 32)]
    [InlineData(4, 2, 0, 15)]
    public void OutputShape_GivesSeedDocumentShape(int kernel, int stride, int padding, int side)
    {
        int[] input = [10, 3, 32, 32];
        int[] expected = [10, 64, side, side];

        var torch = ConvolutionCrossChecks.OutputShape(input, 64, (kernel, kernel), (stride, stride), (padding, padding), (1, 1));
        var solver = ReferenceSolver.Solve("conv-output-shape", new JsonObject
        {
            ["input"] = ReferenceSolver.Json(input),
            ["filters"] = 64,
            ["kernel"] = kernel,
            ["stride"] = stride,
            ["padding"] = padding,
        });

        Assert.Equal(expected, torch);
        Assert.Equal(expected, ReferenceSolver.Integers(solver["output"]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputShape_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        bool square = @case % 2 == 0;
        int[] input;
        (int H, int W) kernel, stride, padding, dilation;
        do
        {
            input = [random.Next(1, 4), random.Next(1, 4), random.Next(1, 25), random.Next(1, 25)];
            kernel = Pair(random, 1, 6, square);
            stride = Pair(random, 1, 4, square);
            padding = Pair(random, 0, 3, square);
            dilation = Pair(random, 1, 4, square);
        }
        while (input[2] + 2 * padding.H < dilation.H * (kernel.H - 1) + 1 || input[3] + 2 * padding.W < dilation.W * (kernel.W - 1) + 1);
        int filters = random.Next(1, 7);

        var parameters = new JsonObject
        {
            ["input"] = ReferenceSolver.Json(input),
            ["filters"] = filters,
            ["kernel"] = Json(kernel, square),
        };
        // Leave defaults out now and then, so the solver's defaults are checked too.
        if (stride != (1, 1) || @case % 3 != 0)
            parameters["stride"] = Json(stride, square);
        if (padding != (0, 0) || @case % 3 != 0)
            parameters["padding"] = Json(padding, square);
        if (dilation != (1, 1) || @case % 3 != 0)
            parameters["dilation"] = Json(dilation, square);

        var torch = ConvolutionCrossChecks.OutputShape(input, filters, kernel, stride, padding, dilation);
        var solver = ReferenceSolver.Solve("conv-output-shape", parameters);

        Assert.Equal(torch, ReferenceSolver.Integers(solver["output"]));
    }

    [Fact]
    public void DilatedCrossCorrelation_GivesSeedDocumentAnswer()
    {
        double[,] input = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
        double[,] kernel = { { 1, 1 }, { 1, 1 } };
        double[,] expected = { { 20 } };

        var torch = ConvolutionCrossChecks.DilatedCrossCorrelation(input, kernel, dilation: 2);
        var solver = ReferenceSolver.Solve("dilated-conv", new JsonObject
        {
            ["input"] = ReferenceSolver.Json(input),
            ["kernel"] = ReferenceSolver.Json(kernel),
            ["dilation"] = 2,
        });

        Close.Equal(expected, torch, "torch output");
        Close.Equal(expected, ReferenceSolver.Matrix(solver["output"]), "solver output");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DilatedCrossCorrelation_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int rows, columns, kernelRows, kernelColumns, dilation, stride, padding;
        do
        {
            (rows, columns) = (random.Next(1, 9), random.Next(1, 9));
            (kernelRows, kernelColumns) = (random.Next(1, 4), random.Next(1, 4));
            (dilation, stride, padding) = (random.Next(1, 4), random.Next(1, 3), random.Next(0, 3));
        }
        while (rows + 2 * padding < dilation * (kernelRows - 1) + 1 || columns + 2 * padding < dilation * (kernelColumns - 1) + 1);
        var input = random.Matrix(rows, columns);
        var kernel = random.Matrix(kernelRows, kernelColumns);

        var parameters = new JsonObject
        {
            ["input"] = ReferenceSolver.Json(input),
            ["kernel"] = ReferenceSolver.Json(kernel),
        };
        if (dilation != 1 || @case % 3 != 0)
            parameters["dilation"] = dilation;
        if (stride != 1 || @case % 3 != 0)
            parameters["stride"] = stride;
        if (padding != 0 || @case % 3 != 0)
            parameters["padding"] = padding;

        var torch = ConvolutionCrossChecks.DilatedCrossCorrelation(input, kernel, dilation, stride, padding);
        var solver = ReferenceSolver.Solve("dilated-conv", parameters);

        Close.Equal(torch, ReferenceSolver.Matrix(solver["output"]), "output");
    }

    private static (int H, int W) Pair(Random random, int low, int high, bool square)
    {
        int h = random.Next(low, high);
        return (h, square ? h : random.Next(low, high));
    }

    private static JsonNode Json((int H, int W) pair, bool square) =>
        square ? JsonValue.Create(pair.H) : ReferenceSolver.Json([pair.H, pair.W]);
}
