using System.Text.Json.Nodes;
using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Questions;

namespace Autograder.Sandbox.Tests.Grading;

public sealed class OutputComparerTests
{
    private static string? Diff(string expected, string actual, Comparison comparison) =>
        OutputComparer.FirstDifference(JsonNode.Parse(expected), JsonNode.Parse(actual), comparison);

    [Theory]
    [InlineData("[1, 2, 3]", "[1, 2, 3]", null)]
    [InlineData("[1, 2, 3]", "[1.0, 2, 3]", null)]
    [InlineData("[1, 2, 3]", "[1, 2, 4]", "at [2]: expected 3, got 4")]
    [InlineData("[1, 2, 3]", "[1, 2]", "expected 3 values, got 2")]
    [InlineData("[\"deep\", \"learn\"]", "[\"deep\", \"deep\"]", "at [1]: expected \"learn\", got \"deep\"")]
    [InlineData("[[1, 2], [3, 4]]", "[[1, 2], [3, 5]]", "at [1][1]: expected 4, got 5")]
    [InlineData("[1]", "null", "expected a list of 1 values, got null")]
    public void Exact_ComparesStructureAndValues(string expected, string actual, string? difference)
    {
        Assert.Equal(difference, Diff(expected, actual, new Comparison(ComparisonKind.Exact)));
    }

    [Theory]
    [InlineData("[1.0, 2.0]", "[1.0000001, 2.0]", null)]
    [InlineData("[1.0, 2.0]", "[1.001, 2.0]", "at [0]: expected 1.0, got 1.001")]
    [InlineData("[0.0]", "[1e-10]", null)]
    [InlineData("[[1.0, 2.0]]", "[[1.0, 2.0, 3.0]]", "at [0]: expected 2 values, got 3")]
    public void Tolerance_AcceptsSmallRelativeAndAbsoluteErrors(string expected, string actual, string? difference)
    {
        Assert.Equal(difference, Diff(expected, actual, new Comparison(ComparisonKind.AllClose, 1e-6, 1e-9)));
    }
}
