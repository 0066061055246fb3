using System.Text.Json.Nodes;

namespace Autograder.Cli.Tests;

public sealed class GradeCommandTests
{
    [Fact]
    public void Grade_PrintsScoreMaxFeedbackAndFormatErrorPerPart_WhenAnswersAreCorrect()
    {
        var result = Cli.Run("grade", "conv-output-shapes", "--canonical", "--answers", """{"first":"[10,64,32,32]","second":"10x64x15x15"}""");

        CliAssert.Success(result);
        var json = result.Json;
        CliAssert.JsonNear("6", json["score"]);
        CliAssert.JsonNear("6", json["max"]);
        var parts = json["parts"]!.AsArray();
        Assert.Equal(["first", "second"], parts.Select(p => p!["part"]!.GetValue<string>()));
        Assert.All(parts, p =>
        {
            CliAssert.JsonNear("3", p!["score"]);
            CliAssert.JsonNear("3", p["max"]);
            Assert.False(p["format_error"]!.GetValue<bool>());
            Assert.False(string.IsNullOrWhiteSpace(p["feedback"]?.GetValue<string>()));
        });
    }

    [Fact]
    public void Grade_MarksAFormatErrorWithAMessage_WhenAShapeHasAFraction()
    {
        var result = Cli.Run("grade", "conv-output-shapes", "--canonical", "--answers", """{"first":"10, 64, 32.5, 32","second":"10x64x15x15"}""");

        CliAssert.Success(result);
        var first = Part(result, "first");
        Assert.True(first["format_error"]!.GetValue<bool>());
        CliAssert.JsonNear("0", first["score"]);
        Assert.Contains("32.5", first["feedback"]!.GetValue<string>(), StringComparison.Ordinal);
        CliAssert.JsonNear("3", Part(result, "second")["score"]);
    }

    [Fact]
    public void Grade_ShowsWhatWasTyped_WhenAFormulaCannotBeRead()
    {
        var result = Cli.Run("grade", "weight-decay-equivalence", "--canonical", "--answers", """{"gamma": "\\eta \\cdot \\lambda_{"}""");

        CliAssert.Success(result);
        var gamma = Part(result, "gamma");
        Assert.True(gamma["format_error"]!.GetValue<bool>());
        Assert.Equal(@"\eta \cdot \lambda_{", gamma["typed"]!.GetValue<string>());
        Assert.StartsWith("Could not read the formula: at column 20:", gamma["feedback"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_GivesFullCredit_WhenTheFormulaIsTypedInLatex()
    {
        var result = Cli.Run("grade", "weight-decay-equivalence", "--canonical", "--answers", """{"gamma": "\\eta\\,\\lambda"}""");

        CliAssert.Success(result);
        var gamma = Part(result, "gamma");
        Assert.False(gamma["format_error"]!.GetValue<bool>());
        CliAssert.JsonNear("3", gamma["score"]);
        Assert.Equal("eta*lambda", gamma["understood"]!.GetValue<string>());
    }

    [Fact]
    public void Grade_FiresTheGreedyForBeamRule_WhenBeamIsAnsweredWithTheGreedySequence()
    {
        // Fall 2022 Q8: greedy goes deep, deep, deep (−1.08); beam of 2 finds learn learn deep (−0.97).
        var result = Cli.Run("grade", "beam-search-tree", "--canonical", "--answers", """{"exhaustive":"learn learn deep","greedy":"deep deep deep","beam":"deep deep deep"}""");

        CliAssert.Success(result);
        var beam = Part(result, "beam");
        Assert.Equal("greedy-for-beam", beam["rule"]?.GetValue<string>());
        CliAssert.JsonNear("0", beam["score"]);
        Assert.Contains("greedy", beam["feedback"]!.GetValue<string>(), StringComparison.Ordinal);
        CliAssert.JsonNear("4", Part(result, "greedy")["score"]);
    }

    [Fact]
    public void Grade_CarriesTheErrorForward_WhenTheOutputFollowsFromAWrongKey()
    {
        using var temp = new TempDir();
        // As samples/carried-forward.yaml: the third key should be [6, -2]. With q = [2, 4] the student's scores are 2, 6, 20,
        // so their own keys pick the third value [4, -2] (the reference scores 2, 6, 4 pick [2, 1]).
        var answers = temp.Write("answers.json", """
            {
              "hidden": [[0, 1], [2, 3], [4, 2]],
              "keys": [[-1, 1], [1, 1], [6, 2]],
              "values": [[0, 1], [2, 1], [4, -2]],
              "query": [2, 4],
              "output": [4, -2]
            }
            """);

        var result = Cli.Run("grade", "linear-rnn-attention", "--canonical", "--answers", "@" + answers);

        CliAssert.Success(result);
        CliAssert.JsonNear("11", result.Json["score"]);
        CliAssert.JsonNear("0", Part(result, "keys")["score"]);
        var output = Part(result, "output");
        Assert.Equal("carry-forward", output["rule"]?.GetValue<string>());
        CliAssert.JsonNear("4", output["score"]);
    }

    [Fact]
    public void Grade_ExitsWith2AndOneLine_WhenAnAnswerNamesAnUnknownPart()
    {
        var result = Cli.Run("grade", "conv-output-shapes", "--canonical", "--answers", """{"first":"[10,64,32,32]","third":"[1,2,3,4]"}""");

        CliAssert.BadInput(result, "answers.third");
    }

    [Theory]
    [InlineData("""{"first": "[10,64,32,32]" """)]
    [InlineData("""["[10,64,32,32]"]""")]
    public void Grade_ExitsWith2AndOneLine_WhenAnswersAreNotAJsonObject(string answers)
    {
        var result = Cli.Run("grade", "conv-output-shapes", "--canonical", "--answers", answers);

        CliAssert.BadInput(result, "--answers");
    }

    [Fact]
    public void Grade_ExitsWith2AndOneLine_WhenAnswersAreMissing()
    {
        var result = Cli.Run("grade", "conv-output-shapes", "--seed", "1");

        CliAssert.BadInput(result, "--answers");
    }

    private static JsonNode Part(CliResult result, string id) =>
        result.Json["parts"]!.AsArray().SingleOrDefault(p => p!["part"]?.GetValue<string>() == id)
        ?? throw new InvalidOperationException($"no part '{id}' in\n{result}");
}
