using System.Text.Json.Nodes;

namespace Autograder.Cli.Tests;

public sealed class GradeExamCommandTests
{
    [Fact]
    public void GradeExam_WritesTheResultFile_WithScaledScoresPerProblem()
    {
        using var temp = new TempDir();
        var answers = temp.Write("answers.json", """{"conv-output-shapes": {"first": "10x64x32x32", "second": "10 64 16 16"}}""");
        var output = Path.Combine(temp.Path, "results", "s001.json");

        var result = Cli.Run("grade", "--exam", "sp23-midterm", "--canonical", "--answers", "@" + answers, "-o", output);

        CliAssert.Success(result);
        Assert.Equal("", result.Stdout);
        var json = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal("sp23-midterm", json["exam"]!.GetValue<string>());
        var conv = json["problems"]!.AsArray().Single(p => p!["problem"]!.GetValue<string>() == "conv-output-shapes")!;
        var parts = conv["parts"]!.AsArray();
        // 10x64x16x16 counts the padding on one side only (floor((32 - 4) / 2) + 1 = 15 with no padding).
        Assert.Equal("Correct.", parts[0]!["feedback"]!.GetValue<string>());
        Assert.Equal("[10, 64, 15, 15]", parts[1]!["reference"]!.GetValue<string>());
        Assert.True(parts[1]!["score"]!.GetValue<double>() < parts[1]!["max"]!.GetValue<double>());
    }

    [Fact]
    public void GradeExam_RunsTheCodePartInTheSandbox_AndScalesItToTheExamsPoints()
    {
        using var temp = new TempDir();
        var reference = File.ReadAllText(Path.Combine(Cli.Bank, "code", "hand-designed-attention", "reference", "Solution.cs"));
        var answers = temp.Write("answers.json", new JsonObject
        {
            ["hand-designed-attention"] = new JsonObject { ["code"] = reference },
        }.ToJsonString());

        var result = Cli.Run("grade", "--exam", "sp23-hw8", "--canonical", "--answers", "@" + answers);

        CliAssert.Success(result);
        var code = result.Json["problems"]!.AsArray().Single(p => p!["problem"]!.GetValue<string>() == "hand-designed-attention")!["parts"]![0]!;
        Assert.Equal("passed", code["feedback"]!.GetValue<string>());
        CliAssert.JsonNear("10", code["score"]);
        Assert.NotEmpty(code["tests"]!.AsArray());
        Assert.All(code["tests"]!.AsArray(), t => Assert.Equal("passed", t!["verdict"]!.GetValue<string>()));
    }

    [Fact]
    public void GradeExam_RunsTheCodePart_WithoutTheJobEngineOnTheMachine()
    {
        using var temp = new TempDir();
        // The command's folder without the job engine: a hard-linked copy (the host follows symbolic links back to the
        // original folder) without the Jobs and Hangfire assemblies and the dependency manifest that asks for them.
        var folder = Path.Combine(temp.Path, "app");
        using (var copy = System.Diagnostics.Process.Start("cp", ["-rl", AppContext.BaseDirectory, folder])) copy.WaitForExit();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => Path.GetFileName(f) is "Autograder.Jobs.dll" or "autograder.deps.json"
            || Path.GetFileName(f).StartsWith("Hangfire", StringComparison.Ordinal)))
            File.Delete(file);
        Assert.False(File.Exists(Path.Combine(folder, "Autograder.Jobs.dll")));
        var reference = File.ReadAllText(Path.Combine(Cli.Bank, "code", "hand-designed-attention", "reference", "Solution.cs"));
        var answers = temp.Write("answers.json", new JsonObject { ["hand-designed-attention"] = new JsonObject { ["code"] = reference } }.ToJsonString());

        var result = Cli.RunFrom(folder, "grade", "--exam", "sp23-hw8", "--canonical", "--answers", "@" + answers);

        CliAssert.Success(result);
        var code = result.Json["problems"]!.AsArray().Single(p => p!["problem"]!.GetValue<string>() == "hand-designed-attention")!["parts"]![0]!;
        Assert.Equal("passed", code["feedback"]!.GetValue<string>());
    }

    [Fact]
    public void GradeExam_ExitsWith2AndNamesTheField_WhenBothAProblemAndAnExamAreGiven()
    {
        var result = Cli.Run("grade", "conv-output-shapes", "--exam", "sp23-midterm", "--canonical", "--answers", "{}");

        CliAssert.BadInput(result, "problem-id");
    }

    [Fact]
    public void GradeExam_ExitsWith2_WhenAnAnsweredProblemIsNotInTheExam()
    {
        var result = Cli.Run("grade", "--exam", "sp23-midterm", "--seed", "1", "--student", "s1", "--answers", """{"beam-search-tree": {}}""");

        CliAssert.BadInput(result, "answers.beam-search-tree");
    }
}
