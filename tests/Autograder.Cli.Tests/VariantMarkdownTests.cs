namespace Autograder.Cli.Tests;

public sealed class VariantMarkdownTests
{
    [Fact]
    public void Variant_PrintsTheStatementAndPartsWithoutAnswers_WhenFormatIsMd()
    {
        var result = Cli.Run("variant", "normalization-diagrams", "--seed", "2", "--student", "s1", "--format", "md");

        CliAssert.Success(result);
        Assert.StartsWith("# Which diagram is batch norm and which is layer norm (2 points)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("- **Diagram A**: the shaded entries span every index along", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("- **batch** (1 point; one of `A`, `B`, `C`): Which diagram shows batch normalization?", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("## Reference answers", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Variant_RefusesTheFormat_WhenItIsNotKnown()
    {
        var result = Cli.Run("variant", "filter-design", "--seed", "1", "--format", "pdf");

        CliAssert.BadInput(result, "--format");
    }

    [Fact]
    public void ExamShow_ListsTheWholeSpring2023Midterm_WithTheSeedsPoints()
    {
        var result = Cli.Run("exam", "show", "sp23-midterm", "--json");

        CliAssert.Success(result);
        var json = result.Json;
        // Questions 3 to 10 of the seed: 19 + 8 + 14 + 21 + 22 + 14 + 10 + 31.
        Assert.Equal(139, json["total_points"]!.GetValue<double>());
        var problems = json["problems"]!.AsArray();
        Assert.Equal(139, problems.Sum(p => p!["points"]!.GetValue<double>()));
        Assert.Contains(problems, p => p!["id"]!.GetValue<string>() == "filter-design");
    }

    [Fact]
    public void Grade_GradesAPropertyPartAndSaysWhatWasTested_WhenTheFilterDiffersFromTheExample()
    {
        var result = Cli.Run("grade", "filter-design", "--canonical", "--answers", """{"vertical_edge": "1 0 -1; 1 0 -1; 1 0 -1", "blur": "1 1 1; 1 1 1; 1 1 1"}""");

        CliAssert.Success(result);
        var parts = result.Json["parts"]!.AsArray();
        Assert.Equal(3, parts[0]!["score"]!.GetValue<double>());
        Assert.Equal(2, parts[1]!["score"]!.GetValue<double>(), 9);
        Assert.Contains("a flat image of ones becomes 9", parts[1]!["feedback"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
