using Autograder.Core.Bank;

namespace Autograder.Core.Tests.Bank;

public sealed class PropertyPartLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bank-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Valid = """
        id: filters
        version: 1
        title: Filters
        topic: cnn
        points: 3
        solver: none
        generator: {id: fixed}
        parts:
          - id: blur
            type: property
            property: blur-filter
            points: 3
            value: [[0, 0.25, 0], [0.25, 0, 0.25], [0, 0.25, 0]]
        """;

    private void Write(string yaml)
    {
        var dir = Path.Combine(_root, "cnn", "filters");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "problem.yaml"), yaml);
        File.WriteAllText(Path.Combine(dir, "statement.md"), "Design a blur filter.");
    }

    [Fact]
    public void Load_ReadsThePropertyChecker_OfAPropertyPart()
    {
        Write(Valid);

        var part = Assert.Single(BankLoader.Load(_root).Problem("filters").Parts);

        Assert.Equal(AnswerType.Property, part.Type);
        Assert.Equal("blur-filter", part.Options.Property);
    }

    [Theory]
    [InlineData("    property: blur-filter\n", "")]
    [InlineData("property: blur-filter", "property: sharpen-filter")]
    public void Load_NamesThePropertyField_WhenTheCheckerIsMissingOrUnknown(string from, string to)
    {
        Write(Valid.Replace(from, to, StringComparison.Ordinal));

        var e = Assert.Throws<BankException>(() => BankLoader.Load(_root));

        Assert.Equal("parts[0].property", e.Field);
        Assert.Contains("blur-filter, vertical-edge-filter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesAFeedbackRule_WithBothMatchesAndValue()
    {
        Write(Valid + """

                feedback:
                  - {id: unnormalized, matches: answers.x, value: "1 1 1; 1 1 1; 1 1 1", credit: 0, message: Divide by 9.}
            """);

        var e = Assert.Throws<BankException>(() => BankLoader.Load(_root));

        Assert.Equal("parts[0].feedback[0].value", e.Field);
    }

    [Fact]
    public void Load_ReadsALiteralFeedbackValue()
    {
        Write(Valid + """

                feedback:
                  - {id: unnormalized, value: "1 1 1; 1 1 1; 1 1 1", credit: 0, message: Divide by 9.}
            """);

        var rule = Assert.Single(Assert.Single(BankLoader.Load(_root).Problem("filters").Parts).Feedback);

        Assert.Equal("1 1 1; 1 1 1; 1 1 1", rule.Value!.GetValue<string>());
    }
}
