namespace Autograder.Tensors.Tests.CrossChecks;

/// <summary>Asserts that two independent computations agree to within rounding.</summary>
internal static class Close
{
    private const double Tolerance = 1e-9;

    public static void Equal(double expected, double actual, string what)
    {
        if (!(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected))))
            throw new Xunit.Sdk.XunitException($"{what}: torch gives {expected:R}, the solver {actual:R}");
    }

    public static void Equal(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: torch gives {expected.Length} entries, the solver {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
            Equal(expected[i], actual[i], $"{what}[{i}]");
    }

    public static void Equal(double[,] expected, double[,] actual, string what)
    {
        Assert.True(
            expected.GetLength(0) == actual.GetLength(0) && expected.GetLength(1) == actual.GetLength(1),
            $"{what}: torch gives {expected.GetLength(0)}x{expected.GetLength(1)}, the solver {actual.GetLength(0)}x{actual.GetLength(1)}");
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Equal(expected[i, j], actual[i, j], $"{what}[{i},{j}]");
    }
}
