using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;

namespace Autograder.Core.Checking;

/// <summary>What a property checker found: the fraction of credit and feedback that says what was tested.</summary>
public sealed record PropertyVerdict(double Credit, string Feedback);

/// <summary>
/// Checkers for <c>property</c> parts, where many answers are right: the student's answer is tested for the
/// property the question asks for instead of being compared with one reference. Each checker says in its
/// feedback what it tried and what it saw.
/// </summary>
public static class PropertyCheckers
{
    private const int ImageSize = 6;

    private static readonly Dictionary<string, Func<double[,], PropertyVerdict>> ById = new(StringComparer.Ordinal)
    {
        ["vertical-edge-filter"] = VerticalEdgeFilter,
        ["blur-filter"] = BlurFilter,
    };

    public static IReadOnlyCollection<string> Names { get; } = ById.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A matrix answer, refused as a format error unless it is the 3×3 filter every checker here expects.</summary>
    public static ParsedAnswer Parse(string property, ParsedAnswer matrix)
    {
        if (matrix.IsFormatError) return matrix;
        var rows = matrix.Value!.AsArray();
        return rows.Count == 3 && rows.All(r => r!.AsArray().Count == 3)
            ? matrix
            : ParsedAnswer.Error($"Expected a 3×3 filter (three rows of three numbers) but got {rows.Count} row(s) of {rows[0]!.AsArray().Count}.");
    }

    public static PropertyVerdict Check(string property, JsonArray matrix)
    {
        var kernel = new double[matrix.Count, matrix[0]!.AsArray().Count];
        for (var i = 0; i < kernel.GetLength(0); i++)
        {
            for (var j = 0; j < kernel.GetLength(1); j++) kernel[i, j] = matrix[i]![j]!.AsDouble();
        }
        return ById.TryGetValue(property, out var check)
            ? check(kernel)
            : throw new InvalidOperationException($"unknown property checker '{property}'");
    }

    /// <summary>
    /// Responds to a vertical edge (left half 0, right half 1), and gives zero on a flat image and on a horizontal
    /// edge. A filter that does not respond to the vertical edge gets nothing, since the zero filter passes the rest.
    /// </summary>
    private static PropertyVerdict VerticalEdgeFilter(double[,] k)
    {
        var scale = Math.Max(AbsSum(k), 1e-12);
        var tolerance = 1e-6 * scale;
        var vertical = MaxAbs(Correlate(Image((_, c) => c >= ImageSize / 2 ? 1 : 0), k));
        var horizontal = MaxAbs(Correlate(Image((r, _) => r >= ImageSize / 2 ? 1 : 0), k));
        var flat = MaxAbs(Correlate(Image((_, _) => 1), k));
        // A response of at least a tenth of what the filter could give at most (Σ|k| on a 0/1 image) counts as one.
        var respondsVertical = vertical >= 0.1 * scale && AbsSum(k) > 1e-12;
        var quietHorizontal = horizontal <= tolerance;
        var quietFlat = flat <= tolerance;
        var credit = respondsVertical ? (1 + (quietHorizontal ? 1 : 0) + (quietFlat ? 1 : 0)) / 3.0 : 0;
        var text = new StringBuilder("Tested on 6×6 images (cross-correlation, no padding): ");
        text.Append(CultureInfo.InvariantCulture, $"a vertical edge (left half 0, right half 1) gives a largest response of {F(vertical)}{(respondsVertical ? " (responds)" : ", too weak to detect it")}; ");
        text.Append(CultureInfo.InvariantCulture, $"a horizontal edge (top half 0, bottom half 1) gives {F(horizontal)}{(quietHorizontal ? " (ignored, as it should be)" : ", but a vertical-edge filter should give 0 there")}; ");
        text.Append(CultureInfo.InvariantCulture, $"a flat image of ones gives {F(flat)}{(quietFlat ? " (ignored, as it should be)" : ", but it should give 0: make the entries add up to zero")}.");
        if (!respondsVertical) text.Append(" A filter that does not respond to the vertical edge gets no credit.");
        return new PropertyVerdict(credit, text.ToString());
    }

    /// <summary>A non-negative weighted average that keeps a flat region's brightness and spreads a single bright pixel.</summary>
    private static PropertyVerdict BlurFilter(double[,] k)
    {
        var sum = 0.0;
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var x in k)
        {
            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        var nonNegative = min >= -1e-12;
        var flat = Correlate(Image((_, _) => 1), k)[0, 0];
        var keepsFlat = Math.Abs(flat - 1) <= 1e-6;
        // A single bright pixel: a blur leaves it dimmer and lights up at least one neighbour.
        var spot = Correlate(Image((r, c) => r == ImageSize / 2 && c == ImageSize / 2 ? 1 : 0), k);
        var lit = 0;
        foreach (var x in spot)
        {
            if (Math.Abs(x) > 1e-12) lit++;
        }
        var spreads = lit >= 2 && max < sum - 1e-12;
        var credit = ((nonNegative ? 1 : 0) + (keepsFlat ? 1 : 0) + (spreads ? 1 : 0)) / 3.0;
        var text = new StringBuilder("Tested as a weighted average: ");
        text.Append(nonNegative ? "all weights are non-negative; " : $"a weight of {F(min)} is negative, which sharpens instead of averaging; ");
        text.Append(keepsFlat
            ? "a flat image of ones stays 1; "
            : $"a flat image of ones becomes {F(flat)}, so the weights do not add up to 1 (divide them by their sum); ");
        text.Append(spreads
            ? $"a single bright pixel spreads over {lit} outputs."
            : "a single bright pixel is not spread over its neighbours, so nothing is averaged.");
        return new PropertyVerdict(credit, text.ToString());
    }

    private static double[,] Image(Func<int, int, double> pixel)
    {
        var image = new double[ImageSize, ImageSize];
        for (var r = 0; r < ImageSize; r++)
        {
            for (var c = 0; c < ImageSize; c++) image[r, c] = pixel(r, c);
        }
        return image;
    }

    /// <summary>Cross-correlation without padding, as convolution layers compute it.</summary>
    private static double[,] Correlate(double[,] image, double[,] k)
    {
        var (kh, kw) = (k.GetLength(0), k.GetLength(1));
        var output = new double[image.GetLength(0) - kh + 1, image.GetLength(1) - kw + 1];
        for (var r = 0; r < output.GetLength(0); r++)
        {
            for (var c = 0; c < output.GetLength(1); c++)
            {
                var total = 0.0;
                for (var i = 0; i < kh; i++)
                {
                    for (var j = 0; j < kw; j++) total += image[r + i, c + j] * k[i, j];
                }
                output[r, c] = total;
            }
        }
        return output;
    }

    private static double AbsSum(double[,] k)
    {
        var total = 0.0;
        foreach (var x in k) total += Math.Abs(x);
        return total;
    }

    private static double MaxAbs(double[,] m)
    {
        var best = 0.0;
        foreach (var x in m) best = Math.Max(best, Math.Abs(x));
        return best;
    }

    private static string F(double x) => Math.Round(x, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
