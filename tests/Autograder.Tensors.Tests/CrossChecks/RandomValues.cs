namespace Autograder.Tensors.Tests.CrossChecks;

/// <summary>Seeded random inputs, rounded the way generated problem parameters are.</summary>
internal static class RandomValues
{
    public static double Uniform(this Random random, double low, double high) =>
        Math.Round(low + (high - low) * random.NextDouble(), 3);

    public static double[] Vector(this Random random, int length, double low = -3, double high = 3) =>
        [.. Enumerable.Range(0, length).Select(_ => random.Uniform(low, high))];

    public static double[,] Matrix(this Random random, int rows, int columns, double low = -3, double high = 3)
    {
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                result[i, j] = random.Uniform(low, high);
        return result;
    }
}
