using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class PolynomialKernelAttentionSolverTests
{
    private static readonly PolynomialKernelAttentionSolver Solver = new();

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    [InlineData(4, 2)]
    public void Solve_GivesAFeatureMapWhoseInnerProductIsTheKernel(int degree, int dims)
    {
        var random = new Random((degree * 10) + dims);
        for (var trial = 0; trial < 50; trial++)
        {
            var q = SolverAssert.RandomVector(random, dims, 2);
            var k = SolverAssert.RandomVector(random, dims, 2);
            var c = Math.Round(random.NextDouble() * 2, 2);
            var answers = SolverAssert.Solve(Solver, new JsonObject { ["q"] = SolverAssert.ToJson(q), ["k"] = SolverAssert.ToJson(k), ["degree"] = degree, ["c"] = c });

            var kernel = Math.Pow(q.Zip(k, (a, b) => a * b).Sum() + c, degree);
            var phiQ = SolverAssert.Vector(answers["phi_q"]);
            var phiK = SolverAssert.Vector(answers["phi_k"]);
            SolverAssert.Close(kernel, SolverAssert.Number(answers["similarity"]), 1e-9);
            SolverAssert.Close(kernel, phiQ.Zip(phiK, (a, b) => a * b).Sum(), 1e-9);
        }
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(1, 6)]
    public void Solve_CountsOneFeaturePerMonomialOfDegreeAtMostP(int degree, int dims)
    {
        // Count exponent vectors with entries summing to at most p by brute force over every vector in {0..p}^D.
        var count = 0;
        var total = (int)Math.Pow(degree + 1, dims);
        for (var code = 0; code < total; code++)
        {
            var sum = 0;
            for (int rest = code, i = 0; i < dims; i++, rest /= degree + 1) sum += rest % (degree + 1);
            if (sum <= degree) count++;
        }

        var answers = SolverAssert.Solve(Solver, new JsonObject { ["q"] = SolverAssert.ToJson(new double[dims]), ["k"] = SolverAssert.ToJson(new double[dims]), ["degree"] = degree });
        Assert.Equal(count, answers["feature_dim"]!.GetValue<int>());
        Assert.Equal(degree == 1 ? "O(N D M)" : $"O(N D^{degree} M)", answers["linear_time"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"q": [1, 2], "k": [1]}""", "params.k")]
    [InlineData("""{"q": [1], "k": [1], "degree": 0}""", "params.degree")]
    [InlineData("""{"q": [1], "k": [1], "degree": 9}""", "params.degree")]
    [InlineData("""{"q": [1], "k": [1], "c": -1}""", "params.c")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
