using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class InitializationCurvesSolverTests
{
    private static readonly InitializationCurvesSolver Solver = new();

    [Theory]
    // The seed's plot: one run flat at chance in both networks, one best with ReLU, one best with sigmoid.
    [InlineData(10, 10, 78, 84, 91, 66, "zero", "xavier", "he")]
    [InlineData(88, 60, 10, 10, 72, 85, "he", "zero", "xavier")]
    public void Solve_NamesTheInitializations_WhenAccuraciesFollowTheTheory(
        double aRelu, double aSigmoid, double bRelu, double bSigmoid, double cRelu, double cSigmoid, string a, string b, string c)
    {
        var answers = SolverAssert.Solve(Solver, $$"""
            {"chance": 10, "curves": [
              {"label": "A", "relu": {{aRelu}}, "sigmoid": {{aSigmoid}}},
              {"label": "B", "relu": {{bRelu}}, "sigmoid": {{bSigmoid}}},
              {"label": "C", "relu": {{cRelu}}, "sigmoid": {{cSigmoid}}}]}
            """);

        Assert.Equal(a, answers["A"]!.GetValue<string>());
        Assert.Equal(b, answers["B"]!.GetValue<string>());
        Assert.Equal(c, answers["C"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"chance": 10, "curves": [{"label": "A", "relu": 10, "sigmoid": 10}, {"label": "B", "relu": 90, "sigmoid": 90}, {"label": "C", "relu": 80, "sigmoid": 70}]}""")]
    [InlineData("""{"chance": 10, "curves": [{"label": "A", "relu": 10, "sigmoid": 10}, {"label": "B", "relu": 10, "sigmoid": 10}, {"label": "C", "relu": 80, "sigmoid": 70}]}""")]
    [InlineData("""{"chance": 10, "curves": [{"label": "A", "relu": 10, "sigmoid": 10}, {"label": "B", "relu": 90, "sigmoid": 60}]}""")]
    public void Solve_RejectsCurves_WhenTheyCannotBeToldApart(string json)
    {
        SolverAssert.Rejects(Solver, json, "params.curves");
    }
}
