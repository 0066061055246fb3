using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;

namespace Autograder.Core.Tests.Checking;

public sealed class AnswerCheckerTests
{
    private static PartDefinition Part(AnswerType type, CheckOptions? options = null) =>
        new("p", "", type, 1, "answers.x", null, options ?? new CheckOptions(), [], null, []);

    private static readonly IReadOnlyList<ChoiceOption> Abcd =
        [new("A", "batch norm"), new("B", "layer norm"), new("C", "instance norm"), new("D", "group norm")];

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("-3", -3)]
    [InlineData("1/4", 0.25)]
    [InlineData("1e-3", 0.001)]
    [InlineData("3*3*1*10 + 10", 100)]
    public void Parse_ReadsNumber_WhenWrittenAsNumberOrArithmetic(string text, double expected)
    {
        var parsed = AnswerChecker.Parse(Part(AnswerType.Number), JsonValue.Create(text));
        Assert.Null(parsed.FormatError);
        Assert.Equal(expected, parsed.Value!.GetValue<double>(), 12);
    }

    [Theory]
    [InlineData(AnswerType.Number, "twelve")]
    [InlineData(AnswerType.Number, "2*(3+")]
    [InlineData(AnswerType.Integer, "2.5")]
    [InlineData(AnswerType.Vector, "[1, two, 3]")]
    [InlineData(AnswerType.Matrix, "1 2; 3")]
    [InlineData(AnswerType.Shape, "10, 64, 32.5, 32")]
    [InlineData(AnswerType.Interval, "somewhere between 1 and 4")]
    [InlineData(AnswerType.Tokens, "  ")]
    public void Parse_GivesFormatErrorWithMessage_WhenAnswerCannotBeRead(AnswerType type, string text)
    {
        var parsed = AnswerChecker.Parse(Part(type), JsonValue.Create(text));
        Assert.True(parsed.IsFormatError);
        Assert.False(string.IsNullOrWhiteSpace(parsed.FormatError));
    }

    [Theory]
    [InlineData("[10, 64, 32, 32]")]
    [InlineData("10x64x32x32")]
    [InlineData("10 × 64 × 32 × 32")]
    [InlineData("(10, 64, 32, 32)")]
    public void Parse_ReadsShape_InTheWaysStudentsWriteIt(string text)
    {
        var parsed = AnswerChecker.Parse(Part(AnswerType.Shape), JsonValue.Create(text));
        Assert.Equal("[10,64,32,32]", parsed.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("[1, 4]", 1, 4, true, true)]
    [InlineData("(1, 4]", 1, 4, false, true)]
    [InlineData("1 <= λ < 4", 1, 4, true, false)]
    [InlineData("1 ≤ lambda ≤ 4", 1, 4, true, true)]
    [InlineData("λ >= 0.001", 0.001, double.PositiveInfinity, true, false)]
    [InlineData("(0.5, inf)", 0.5, double.PositiveInfinity, false, false)]
    public void Parse_ReadsInterval_FromBracketsAndInequalities(string text, double low, double high, bool lowIn, bool highIn)
    {
        var parsed = AnswerChecker.Parse(Part(AnswerType.Interval), JsonValue.Create(text));
        var value = parsed.Value!.AsObject();
        Assert.Equal(low, value["low"]!.GetValue<double>(), 12);
        Assert.Equal(high, value["high"]?.GetValue<double>() ?? double.PositiveInfinity);
        Assert.Equal(lowIn, value["low_inclusive"]!.GetValue<bool>());
        Assert.Equal(highIn, value["high_inclusive"]!.GetValue<bool>());
    }

    [Fact]
    public void Parse_ReadsEmptyInterval_AsNull()
    {
        var parsed = AnswerChecker.Parse(Part(AnswerType.Interval), JsonValue.Create("empty"));
        Assert.False(parsed.IsFormatError);
        Assert.Null(parsed.Value);
    }

    [Theory]
    [InlineData(0.5, 0.504, true)]
    [InlineData(0.5, 0.51, false)]
    [InlineData(100, 101, true)]
    [InlineData(100, 102, false)]
    public void Score_UsesRelativeTolerance_OfOnePercentByDefault(double expected, double given, bool accepted)
    {
        var part = Part(AnswerType.Number);
        Assert.Equal(accepted ? 1 : 0, AnswerChecker.Score(part, JsonValue.Create(given), JsonValue.Create(expected)));
    }

    [Theory]
    [InlineData(0.012345, 0.0123, true)]
    [InlineData(0.012345, 0.0124, false)]
    [InlineData(1234.5, 1230, true)]
    public void Score_ComparesToSignificantFigures_WhenPartAsksForThree(double expected, double given, bool accepted)
    {
        var part = Part(AnswerType.Number, new CheckOptions(SignificantFigures: 3));
        Assert.Equal(accepted ? 1 : 0, AnswerChecker.Score(part, JsonValue.Create(given), JsonValue.Create(expected)));
    }

    [Theory]
    [InlineData("A, C", 1.0)]
    [InlineData("A", 0.5)]
    [InlineData("A, B", 0.0)]
    [InlineData("a c d", 0.5)]
    public void Score_GivesPartialCredit_ForMultipleSelection(string given, double credit)
    {
        var part = Part(AnswerType.Multi, new CheckOptions(Choices: Abcd));
        var student = AnswerChecker.Parse(part, JsonValue.Create(given));
        var expected = AnswerChecker.Parse(part, new JsonArray("A", "C"));
        Assert.Equal(credit, AnswerChecker.Score(part, student.Value, expected.Value), 12);
    }

    [Fact]
    public void Parse_RefusesChoice_ThatIsNotOffered()
    {
        var parsed = AnswerChecker.Parse(Part(AnswerType.Choice, new CheckOptions(Choices: Abcd)), JsonValue.Create("E"));
        Assert.Contains("not one of the choices", parsed.FormatError);
    }

    [Fact]
    public void Parse_ReadsChoice_ByIdOrByText()
    {
        var part = Part(AnswerType.Choice, new CheckOptions(Choices: Abcd));
        Assert.Equal("B", AnswerChecker.Parse(part, JsonValue.Create("b)")).Value!.GetValue<string>());
        Assert.Equal("B", AnswerChecker.Parse(part, JsonValue.Create("Layer Norm")).Value!.GetValue<string>());
    }

    [Fact]
    public void Score_ComparesTokens_IgnoringCaseAndSeparators()
    {
        var part = Part(AnswerType.Tokens);
        var student = AnswerChecker.Parse(part, JsonValue.Create("Learn, learn  DEEP"));
        var expected = AnswerChecker.Parse(part, new JsonArray("learn", "learn", "deep"));
        Assert.Equal(1, AnswerChecker.Score(part, student.Value, expected.Value));
        Assert.Equal("learn learn deep", student.Understood);
    }

    [Fact]
    public void Score_AcceptsEquivalentFormula_AndShowsHowItWasUnderstood()
    {
        var part = Part(AnswerType.Formula, new CheckOptions(Variables: ["eta", "lambda"]));
        var student = AnswerChecker.Parse(part, JsonValue.Create("λη"));
        var expected = AnswerChecker.Parse(part, JsonValue.Create("eta*lambda"));
        Assert.False(student.IsFormatError);
        Assert.Equal(1, AnswerChecker.Score(part, student.Value, expected.Value));
        var wrong = AnswerChecker.Parse(part, JsonValue.Create("eta + lambda"));
        Assert.Equal(0, AnswerChecker.Score(part, wrong.Value, expected.Value));
    }

    [Fact]
    public void Score_AcceptsEquivalentComplexity_DroppingConstantsAndLowerTerms()
    {
        var part = Part(AnswerType.Complexity, new CheckOptions(Variables: ["n", "d"]));
        var expected = AnswerChecker.Parse(part, JsonValue.Create("O(n^2 d)"));
        var student = AnswerChecker.Parse(part, JsonValue.Create("O(3 d n n + n)"));
        Assert.Equal(1, AnswerChecker.Score(part, student.Value, expected.Value));
        var wrong = AnswerChecker.Parse(part, JsonValue.Create("O(n d^2)"));
        Assert.Equal(0, AnswerChecker.Score(part, wrong.Value, expected.Value));
    }

    [Fact]
    public void Parse_GivesFormatError_WhenVectorHasWrongLength()
    {
        var parsed = AnswerChecker.Parse(Part(AnswerType.Vector, new CheckOptions(Length: 3)), JsonValue.Create("1, 2"));
        Assert.Equal("Expected 3 entries but the list has 2.", parsed.FormatError);
    }
}
