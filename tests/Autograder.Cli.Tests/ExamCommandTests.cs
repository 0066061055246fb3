using System.Text.Json.Nodes;

namespace Autograder.Cli.Tests;

public sealed class ExamCommandTests
{
    private const string Roster = """
        email,id,section,name
        ann@example.edu,s1,A,Ann Lee
        bob@example.edu,s2,B,"Bob Ray, Jr."
        cy@example.edu,s3,A,Cy
        """;

    [Fact]
    public void ExamVariants_WritesOneFilePerStudent_WhenTheRosterHasExtraColumnsInAnyOrder()
    {
        using var temp = new TempDir();
        var roster = temp.Write("roster.csv", Roster);

        var result = Cli.Run("exam", "variants", "sp23-midterm", "--roster", roster, "--seed", "5", "--out", temp["out"]);

        CliAssert.Success(result);
        Assert.Equal(["s1.json", "s2.json", "s3.json"], Directory.GetFiles(temp["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var bob = JsonNode.Parse(File.ReadAllText(temp["out/s2.json"]))!;
        Assert.Equal("sp23-midterm", bob["exam"]?.GetValue<string>());
        Assert.Equal("s2", bob["student"]!["id"]?.GetValue<string>());
        Assert.Equal("Bob Ray, Jr.", bob["student"]!["name"]?.GetValue<string>());
        Assert.Equal("bob@example.edu", bob["student"]!["email"]?.GetValue<string>());
        var problems = bob["problems"]!.AsArray();
        Assert.Equal(16, problems.Count);
        Assert.All(problems, p => Assert.Equal("s2", p!["student"]?.GetValue<string>()));
    }

    [Fact]
    public void ExamVariants_WritesByteIdenticalFiles_WhenRunTwiceWithTheSameSeed()
    {
        using var temp = new TempDir();
        var roster = temp.Write("roster.csv", Roster);

        var first = Cli.Run("exam", "variants", "fa22-midterm", "--roster", roster, "--seed", "5", "--out", temp["a"]);
        var second = Cli.Run("exam", "variants", "fa22-midterm", "--roster", roster, "--seed", "5", "--out", temp["b"]);

        CliAssert.Success(first);
        CliAssert.Success(second);
        foreach (var id in new[] { "s1", "s2", "s3" })
            Assert.Equal(File.ReadAllBytes(temp[$"a/{id}.json"]), File.ReadAllBytes(temp[$"b/{id}.json"]));
        // Different students get different variants.
        Assert.NotEqual(File.ReadAllText(temp["a/s1.json"]).Replace("s1", "sX", StringComparison.Ordinal), File.ReadAllText(temp["a/s3.json"]).Replace("s3", "sX", StringComparison.Ordinal));
    }

    [Fact]
    public void ExamVariants_ExitsWith2AndCreatesNoFolder_WhenTheRosterHasNoEmailColumn()
    {
        using var temp = new TempDir();
        var roster = temp.Write("roster.csv", "id,name\ns1,Ann\n");

        var result = Cli.Run("exam", "variants", "sp23-midterm", "--roster", roster, "--seed", "5", "--out", temp["out"]);

        CliAssert.BadInput(result, "--roster");
        Assert.Contains("email", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["out"]), "the output folder was created");
    }

    [Fact]
    public void ExamVariants_ExitsWith2AndCreatesNoFolder_WhenAnIdAppearsTwice()
    {
        using var temp = new TempDir();
        var roster = temp.Write("roster.csv", "id,name,email\ns1,Ann,a@example.edu\ns2,Bob,b@example.edu\ns1,Ann again,c@example.edu\n");

        var result = Cli.Run("exam", "variants", "sp23-midterm", "--roster", roster, "--seed", "5", "--out", temp["out"]);

        CliAssert.BadInput(result, "--roster");
        Assert.Contains("s1", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["out"]), "the output folder was created");
    }

    [Fact]
    public void ExamVariants_ExitsWith2AndOneLine_WhenTheRosterFileDoesNotExist()
    {
        using var temp = new TempDir();

        var result = Cli.Run("exam", "variants", "sp23-midterm", "--roster", temp["missing.csv"], "--seed", "5", "--out", temp["out"]);

        CliAssert.BadInput(result, "--roster");
        Assert.False(Directory.Exists(temp["out"]), "the output folder was created");
    }

    [Fact]
    public void ExamShow_PrintsProblemsPartsAndPointsThatAddUp_WhenAskedForJson()
    {
        var result = Cli.Run("exam", "show", "sp23-midterm", "--json");

        CliAssert.Success(result);
        var exam = result.Json.AsObject();
        Assert.Equal("sp23-midterm", exam["id"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(exam["title"]?.GetValue<string>()));
        var problems = exam["problems"]!.AsArray();
        Assert.Equal(
            [
                "conv-output-shapes", "filter-design", "dilated-conv", "receptive-field", "beam-search-eos", "linear-rnn-attention",
                "weight-initialization", "augmentation-split-bug", "point-cloud-invariance", "normalization-diagrams", "bn-simplified-gradient",
                "adam-update-lines", "weight-decay-equivalence", "purifier-losses", "purifier-svd-form", "purifier-lambda-range",
            ],
            problems.Select(p => p!["id"]!.GetValue<string>()));
        var total = exam["total_points"]!.GetValue<double>();
        Assert.Equal(total, problems.Sum(p => p!["points"]!.GetValue<double>()), 9);
        Assert.All(problems, p =>
        {
            var parts = p!["parts"]!.AsArray();
            Assert.NotEmpty(parts);
            Assert.All(parts, part => Assert.False(string.IsNullOrEmpty(part!["id"]?.GetValue<string>())));
            Assert.Equal(p["points"]!.GetValue<double>(), parts.Sum(part => part!["points"]!.GetValue<double>()), 9);
        });
    }

    [Fact]
    public void ExamShow_ExitsWith2AndOneLine_WhenTheExamIsUnknown()
    {
        var result = Cli.Run("exam", "show", "fa99-final");

        CliAssert.BadInput(result, "exam-id");
        Assert.Contains("fa99-final", result.Stderr, StringComparison.Ordinal);
    }
}
