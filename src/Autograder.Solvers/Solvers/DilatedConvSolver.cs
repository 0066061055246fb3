using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class DilatedConvSolver : ISolver
{
    public string Id => "dilated-conv";

    public string Description => "2-D cross-correlation of a matrix with a dilated kernel (zero padding, stride).";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var input = p.Matrix("input");
        var kernel = p.Matrix("kernel");
        var dilation = p.OptionalIntegerOrPair("dilation", 1, min: 1);
        var stride = p.OptionalIntegerOrPair("stride", 1, min: 1);
        var padding = p.OptionalIntegerOrPair("padding", 0, min: 0);

        int rows = input.Length, cols = input[0].Length;
        var outRows = ConvOutputShapeSolver.Side(p, rows, kernel.Length, stride.First, padding.First, dilation.First, "height");
        var outCols = ConvOutputShapeSolver.Side(p, cols, kernel[0].Length, stride.Second, padding.Second, dilation.Second, "width");
        var work = (double)outRows * outCols * kernel.Length * kernel[0].Length;
        if (work > 100_000_000)
        {
            throw p.Bad("input", $"the convolution would take {work} multiplications; at most 100000000 are done");
        }

        var output = new double[outRows][];
        for (var i = 0; i < outRows; i++)
        {
            output[i] = new double[outCols];
            for (var j = 0; j < outCols; j++)
            {
                var sum = 0.0;
                for (var a = 0; a < kernel.Length; a++)
                {
                    for (var b = 0; b < kernel[0].Length; b++)
                    {
                        // Coordinates in the unpadded input; outside it the zero padding adds nothing.
                        var r = (long)i * stride.First + a * dilation.First - padding.First;
                        var c = (long)j * stride.Second + b * dilation.Second - padding.Second;
                        if (r >= 0 && r < rows && c >= 0 && c < cols)
                        {
                            sum += kernel[a][b] * input[r][c];
                        }
                    }
                }

                output[i][j] = sum;
            }
        }

        return new JsonObject { ["output"] = Answer.Matrix(output) };
    }
}
