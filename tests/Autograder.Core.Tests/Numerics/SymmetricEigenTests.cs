using Autograder.Core.Numerics;

namespace Autograder.Core.Tests.Numerics;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Decompose_GivesDescendingValues_WithVectorsThatSatisfyAvEqualsLambdaV()
    {
        double[,] a = { { 4, 1, 2 }, { 1, 3, 0 }, { 2, 0, 5 } };

        var (values, vectors) = SymmetricEigen.Decompose(a);

        Assert.True(values[0] >= values[1] && values[1] >= values[2]);
        Assert.Equal(12, values.Sum(), 9); // the trace
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < 3; i++)
            {
                var av = Enumerable.Range(0, 3).Sum(j => a[i, j] * vectors[j, c]);
                Assert.Equal(values[c] * vectors[i, c], av, 9);
            }
    }
}
