using System.Text.Json.Nodes;

namespace Autograder.Cli.Tests;

public sealed class VariantCommandTests
{
    [Fact]
    public void Variant_PrintsTheSameText_WhenRunTwiceWithTheSameSeed()
    {
        var first = Cli.Run("variant", "beam-search-tree", "--seed", "3", "--student", "s1");
        var second = Cli.Run("variant", "beam-search-tree", "--seed", "3", "--student", "s1");

        CliAssert.Success(first);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("## Statement", first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Variant_GivesDifferentParams_WhenTheSeedOrTheStudentDiffers()
    {
        var reference = Params("--seed", "3", "--student", "s1");
        var otherSeed = Params("--seed", "4", "--student", "s1");
        var otherStudent = Params("--seed", "3", "--student", "s2");

        Assert.False(JsonNode.DeepEquals(reference, otherSeed), "seeds 3 and 4 gave the same params");
        Assert.False(JsonNode.DeepEquals(reference, otherStudent), "students s1 and s2 gave the same params");

        static JsonNode? Params(params string[] choice)
        {
            var result = Cli.Run(["variant", "argmax-attention", "--json", .. choice]);
            CliAssert.Success(result);
            return result.Json["params"];
        }
    }

    [Fact]
    public void Variant_PrintsParamsAnswersAndStatement_WhenAskedForJson()
    {
        var result = Cli.Run("variant", "conv-output-shapes", "--seed", "11", "--student", "s7", "--json");

        CliAssert.Success(result);
        var json = result.Json.AsObject();
        Assert.Equal("conv-output-shapes", json["problem"]?.GetValue<string>());
        Assert.Equal(11, json["seed"]?.GetValue<long>());
        Assert.Equal("s7", json["student"]?.GetValue<string>());
        Assert.IsType<JsonObject>(json["params"]);
        Assert.IsType<JsonObject>(json["answers"]);
        Assert.False(string.IsNullOrWhiteSpace(json["statement"]?.GetValue<string>()));
        Assert.DoesNotContain("{{", json["statement"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Variant_RendersTheSeedDocumentsNumbers_WhenCanonical()
    {
        var result = Cli.Run("variant", "argmax-attention", "--canonical", "--json");

        CliAssert.Success(result);
        var json = result.Json;
        Assert.Null(json["seed"]);
        CliAssert.JsonNear("[1,4,3]", json["answers"]!["output"]);
        CliAssert.JsonNear("[3,11,5,2]", json["answers"]!["scores"]);
        // Fall 2022 Q6a: the third key (5, 0, 0), the second value (1, 4, 3) and the query (1, 1, 2).
        var statement = json["statement"]!.GetValue<string>();
        Assert.Contains(@"\begin{bmatrix} 5 \\ 0 \\ 0 \end{bmatrix}", statement, StringComparison.Ordinal);
        Assert.Contains(@"\begin{bmatrix} 1 \\ 4 \\ 3 \end{bmatrix}", statement, StringComparison.Ordinal);
        Assert.Contains(@"q = \begin{bmatrix} 1 \\ 1 \\ 2 \end{bmatrix}", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Variant_UsesTheGivenParams_WhenParamsAreExplicit()
    {
        var result = Cli.Run("variant", "argmax-attention", "--json", "--params", """{"keys":[[1,0],[0,1]],"values":[[5,6],[7,8]],"query":[2,1]}""");

        CliAssert.Success(result);
        CliAssert.JsonNear("[5,6]", result.Json["answers"]!["output"]);
    }

    [Fact]
    public void Variant_ExitsWith2AndOneLine_WhenTheProblemIsUnknown()
    {
        var result = Cli.Run("variant", "no-such-problem", "--seed", "1");

        CliAssert.BadInput(result, "problem-id");
        Assert.Contains("no-such-problem", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "1", "--canonical")]
    [InlineData("--canonical", "--params", "{}")]
    [InlineData("--json")]
    public void Variant_ExitsWith2AndOneLine_WhenNotExactlyOneVariantChoiceIsGiven(params string[] choice)
    {
        var result = Cli.Run(["variant", "argmax-attention", .. choice]);

        CliAssert.BadInput(result, "--seed");
    }

    [Fact]
    public void Variant_ExitsWith2AndOneLine_WhenTheSeedIsNotANumber()
    {
        var result = Cli.Run("variant", "argmax-attention", "--seed", "three");

        CliAssert.BadInput(result, "--seed");
    }
}
