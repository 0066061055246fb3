using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class DilatedConvSolverTests
{
    private static readonly DilatedConvSolver Solver = new();

    [Fact]
    public void Solve_Returns20_WhenInputsAreSp23Q3di()
    {
        var answers = SolverAssert.Solve(Solver, Samples.ById["dilated-conv"]);

        // The dilated kernel touches the four corners: 1 + 3 + 7 + 9.
        Assert.Equal([[20.0]], SolverAssert.Matrix(answers["output"]));
    }

    [Fact]
    public void Solve_CrossCorrelatesWithoutFlipping_WhenKernelIsAsymmetric()
    {
        var answers = SolverAssert.Solve(Solver, """{"input": [[1, 2, 3], [4, 5, 6]], "kernel": [[1, 0]]}""");

        Assert.Equal([[1.0, 2], [4, 5]], SolverAssert.Matrix(answers["output"]));
    }

    [Fact]
    public void Solve_MatchesExplicitZeroFilledKernel_WhenInputsAreRandom()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 300; trial++)
        {
            int rows = random.Next(1, 9), cols = random.Next(1, 9), kh = random.Next(1, 4), kw = random.Next(1, 4);
            int d = random.Next(1, 4), s = random.Next(1, 4), p = random.Next(0, 3);
            var input = SolverAssert.RandomMatrix(random, rows, cols);
            var kernel = SolverAssert.RandomMatrix(random, kh, kw);
            var parameters = new JsonObject
            {
                ["input"] = SolverAssert.ToJson(input),
                ["kernel"] = SolverAssert.ToJson(kernel),
                ["dilation"] = d,
                ["stride"] = s,
                ["padding"] = p,
            };

            // Build the dilated kernel with explicit zeros and the padded input, then slide a plain window.
            var dilated = new double[(d * (kh - 1)) + 1, (d * (kw - 1)) + 1];
            for (var a = 0; a < kh; a++)
            {
                for (var b = 0; b < kw; b++)
                {
                    dilated[a * d, b * d] = kernel[a][b];
                }
            }

            var padded = new double[rows + (2 * p), cols + (2 * p)];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < cols; j++)
                {
                    padded[i + p, j + p] = input[i][j];
                }
            }

            var expected = new List<double[]>();
            for (var top = 0; top + dilated.GetLength(0) <= padded.GetLength(0); top += s)
            {
                var row = new List<double>();
                for (var left = 0; left + dilated.GetLength(1) <= padded.GetLength(1); left += s)
                {
                    var sum = 0.0;
                    for (var a = 0; a < dilated.GetLength(0); a++)
                    {
                        for (var b = 0; b < dilated.GetLength(1); b++)
                        {
                            sum += dilated[a, b] * padded[top + a, left + b];
                        }
                    }

                    row.Add(sum);
                }

                expected.Add([.. row]);
            }

            if (expected.Count == 0 || expected[0].Length == 0)
            {
                SolverAssert.Rejects(Solver, parameters, "params.kernel");
            }
            else
            {
                SolverAssert.Close(expected, SolverAssert.Matrix(SolverAssert.Solve(Solver, parameters)["output"]));
            }
        }
    }

    [Theory]
    [InlineData("input")]
    [InlineData("kernel")]
    public void Solve_ThrowsBadInputNamingField_WhenFieldIsMissing(string field) =>
        SolverAssert.Rejects(Solver, SolverAssert.Without(Samples.ById["dilated-conv"], field), $"params.{field}");

    [Theory]
    [InlineData("""{"input": [[1, 2], [3]], "kernel": [[1]]}""", "params.input[1]")]
    [InlineData("""{"input": [[1, 2], [3, 4]], "kernel": [[1, 1, 1]]}""", "params.kernel")]
    [InlineData("""{"input": [[1, 2], [3, 4]], "kernel": [[1, 1]], "dilation": 2}""", "params.kernel")]
    [InlineData("""{"input": [[1, 2], [3, 4]], "kernel": [[1]], "stride": 0}""", "params.stride")]
    [InlineData("""{"input": [[1, 2], [3, 4]], "kernel": [[1]], "padding": -1}""", "params.padding")]
    [InlineData("""{"input": [[1, 2], [3, 4]], "kernel": [[1]], "dilation": 0}""", "params.dilation")]
    [InlineData("""{"input": [1, 2], "kernel": [[1]]}""", "params.input[0]")]
    [InlineData("""{"input": [[1]], "kernel": [[1]], "padding": 2000000000}""", "params.input")]
    public void Solve_ThrowsBadInputNamingField_WhenShapesAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
