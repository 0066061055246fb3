using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Json;

public sealed class ParamReaderTests
{
    private static ParamReader Reader(string json) => new(SolverAssert.Parse(json));

    [Fact]
    public void Integer_AcceptsWholeDouble_WhenWrittenWithDecimalPoint() =>
        Assert.Equal(2, Reader("""{"k": 2.0}""").Integer("k", min: 1));

    [Theory]
    [InlineData("""{"k": 2.5}""")]
    [InlineData("""{"k": "2"}""")]
    [InlineData("""{"k": 0}""")]
    [InlineData("""{"k": 1e12}""")]
    [InlineData("""{"k": null}""")]
    public void Integer_ThrowsNamingField_WhenValueIsNotAPositiveInt(string json)
    {
        var error = Assert.Throws<BadInputException>(() => Reader(json).Integer("k", min: 1));
        Assert.Equal("params.k", error.Field);
    }

    [Fact]
    public void Number_ReadsValuesBuiltInCode_WhenBackedByIntOrDecimal()
    {
        var reader = new ParamReader(new JsonObject { ["a"] = 3, ["b"] = 1.25m, ["c"] = 7L });

        Assert.Equal(3.0, reader.Number("a"));
        Assert.Equal(1.25, reader.Number("b"));
        Assert.Equal(7.0, reader.Number("c"));
    }

    [Fact]
    public void Number_ThrowsNamingField_WhenValueOverflowsToInfinity()
    {
        var error = Assert.Throws<BadInputException>(() => Reader("""{"x": 1e999}""").Number("x"));
        Assert.Equal("params.x", error.Field);
    }

    [Theory]
    [InlineData("""{"k": 3}""", 3, 3)]
    [InlineData("""{"k": [3, 5]}""", 3, 5)]
    public void IntegerOrPair_ReturnsBothSides_WhenGivenIntOrPair(string json, int first, int second) =>
        Assert.Equal((first, second), Reader(json).IntegerOrPair("k", min: 1));

    [Theory]
    [InlineData("""{"k": [3]}""", "params.k")]
    [InlineData("""{"k": [3, 0]}""", "params.k[1]")]
    [InlineData("""{"k": {"h": 3}}""", "params.k")]
    public void IntegerOrPair_ThrowsNamingField_WhenShapeIsWrong(string json, string field)
    {
        var error = Assert.Throws<BadInputException>(() => Reader(json).IntegerOrPair("k", min: 1));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Matrix_ThrowsNamingRow_WhenRowsHaveDifferentLengths()
    {
        var error = Assert.Throws<BadInputException>(() => Reader("""{"m": [[1, 2], [3, 4], [5]]}""").Matrix("m"));
        Assert.Equal("params.m[2]", error.Field);
    }

    [Fact]
    public void Objects_NamesNestedPaths_WhenReadingDeeper()
    {
        var child = Reader("""{"tree": {"children": [{"a": 1}, {"children": [{"logp": "x"}]}]}}""")
            .Object("tree").Objects("children")[1].Objects("children")[0];

        var error = Assert.Throws<BadInputException>(() => child.Number("logp"));
        Assert.Equal("params.tree.children[1].children[0].logp", error.Field);
    }

    [Fact]
    public void OptionalNumber_ReturnsFallback_WhenValueIsNullOrAbsent()
    {
        var reader = Reader("""{"a": null}""");

        Assert.Equal(4.0, reader.OptionalNumber("a", 4));
        Assert.Equal(5.0, reader.OptionalNumber("b", 5));
    }
}
