namespace Autograder.Solvers.Solvers;

/// <summary>The few dense operations the attention solvers share; shapes are checked by the callers.</summary>
internal static class VectorMath
{
    public static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Count; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static double[] Times(double[][] matrix, IReadOnlyList<double> vector) =>
        [.. matrix.Select(row => Dot(row, vector))];

    public static double[] Plus(double[] a, double[] b) => [.. a.Select((x, i) => x + b[i])];

    /// <summary>Index of the first maximum, so ties go to the earliest entry.</summary>
    public static int FirstArgmax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Weighted sum of the rows of <paramref name="values"/>.</summary>
    public static double[] Combine(IReadOnlyList<double> weights, double[][] values)
    {
        var output = new double[values[0].Length];
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < output.Length; j++)
            {
                output[j] += weights[i] * values[i][j];
            }
        }

        return output;
    }
}
