using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class CircularShiftFeaturesSolverTests
{
    private static readonly CircularShiftFeaturesSolver Solver = new();

    [Fact]
    public void Solve_GivesTheFeaturesARealCircularCnnComputes_ForShiftedImages()
    {
        // A random CONV2-3 → ReLU → CONV2-3 → ReLU → GAP network with circular padding, run on every image.
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            var net = new CircularCnn(random);
            int rows = random.Next(4, 8), columns = random.Next(4, 8);
            var x1 = Image(rows, columns, (r, _) => r == 1);
            var x2 = Image(rows, columns, (_, c) => c == 2);
            var dr = random.Next(0, rows);
            var dc = random.Next(1, columns);
            var x3 = Image(rows, columns, (_, c) => c == (2 + dc) % columns);
            var x4 = Image(rows, columns, (r, c) => x2[(r - dr + rows) % rows][(c - dc + columns) % columns] == 1 || r == (1 + dr) % rows);
            var x5 = Image(rows, columns, (r, c) => x4[(r + 2) % rows][(c + 3) % columns] == 1);

            var answers = SolverAssert.Solve(Solver, new JsonObject
            {
                ["images"] = new JsonArray(Json(x1), Json(x2), Json(x4)),
                ["features"] = new JsonArray(SolverAssert.ToJson(net.Features(x1)), SolverAssert.ToJson(net.Features(x2)), SolverAssert.ToJson(net.Features(x4))),
                ["queries"] = new JsonArray(Json(x3), Json(x5)),
            });

            SolverAssert.Close(net.Features(x3), SolverAssert.Vector(answers["outputs"]![0]), 1e-9);
            SolverAssert.Close(net.Features(x5), SolverAssert.Vector(answers["outputs"]![1]), 1e-9);
        }
    }

    [Fact]
    public void Solve_ThrowsBadInputNamingTheQuery_WhenItIsNoShiftOfAnyImage()
    {
        var line = Json(Image(3, 3, (r, _) => r == 0));
        var parameters = new JsonObject
        {
            ["images"] = new JsonArray(line),
            ["features"] = new JsonArray(new JsonArray(1, 0)),
            ["queries"] = new JsonArray(Json(Image(3, 3, (r, c) => r == c))),
        };
        SolverAssert.Rejects(Solver, parameters, "params.queries[0]");
    }

    [Theory]
    [InlineData("""{"images": [[[1]]], "features": [], "queries": [[[1]]]}""", "params.features")]
    [InlineData("""{"images": [], "features": [], "queries": [[[1]]]}""", "params.images")]
    [InlineData("""{"images": [[[1]]], "features": [[1]], "queries": []}""", "params.queries")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);

    private static double[][] Image(int rows, int columns, Func<int, int, bool> on) =>
        [.. Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Select(c => on(r, c) ? 1.0 : 0.0).ToArray())];

    private static JsonArray Json(double[][] image) => SolverAssert.ToJson(image);

    /// <summary>Two 2 × 2 convolutions with three filters, wrapping around the edges so the size is kept, ReLU after each, global average pooling.</summary>
    private sealed class CircularCnn(Random random)
    {
        private readonly double[,,,] _first = Weights(random, 3, 1);
        private readonly double[,,,] _second = Weights(random, 3, 3);

        public double[] Features(double[][] image)
        {
            var input = new double[1][,];
            input[0] = new double[image.Length, image[0].Length];
            for (var r = 0; r < image.Length; r++)
            {
                for (var c = 0; c < image[0].Length; c++) input[0][r, c] = image[r][c];
            }

            var hidden = Layer(Layer(input, _first), _second);
            return [.. hidden.Select(channel => channel.Cast<double>().Average())];
        }

        private static double[][,] Layer(double[][,] input, double[,,,] weights)
        {
            int rows = input[0].GetLength(0), columns = input[0].GetLength(1);
            var output = new double[weights.GetLength(0)][,];
            for (var f = 0; f < output.Length; f++)
            {
                output[f] = new double[rows, columns];
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        var sum = 0.0;
                        for (var ch = 0; ch < input.Length; ch++)
                        {
                            for (var i = 0; i < 2; i++)
                            {
                                for (var j = 0; j < 2; j++)
                                {
                                    sum += weights[f, ch, i, j] * input[ch][(r - 1 + i + rows) % rows, (c - 1 + j + columns) % columns];
                                }
                            }
                        }

                        output[f][r, c] = Math.Max(0, sum);
                    }
                }
            }

            return output;
        }

        private static double[,,,] Weights(Random random, int filters, int channels)
        {
            var w = new double[filters, channels, 2, 2];
            for (var f = 0; f < filters; f++)
            {
                for (var ch = 0; ch < channels; ch++)
                {
                    for (var i = 0; i < 2; i++)
                    {
                        for (var j = 0; j < 2; j++) w[f, ch, i, j] = (random.NextDouble() * 2) - 1;
                    }
                }
            }

            return w;
        }
    }
}
