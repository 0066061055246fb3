using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Sandbox.Questions;
using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests.Questions;

public sealed class CodeQuestionLoaderTests : IDisposable
{
    private readonly string _bank = Directory.CreateTempSubdirectory("autograder-code-bank-").FullName;

    public void Dispose() => Directory.Delete(_bank, recursive: true);

    private string Write(string id, string yaml)
    {
        var dir = Path.Combine(_bank, "code", id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "statement.md"), "A statement.");
        var file = Path.Combine(dir, "question.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    private const string Valid = """
        id: twice
        title: Twice
        entry: {class: Solution, signature: "public static int Twice(int x)"}
        tests:
          - {name: one, visible: true, args: {x: 1}, expected: 2}
          - {name: random, count: 3, args: {x: {random: int, min: 0, max: 9}}, expected: 0}
        """;

    [Fact]
    public void Load_ReadsEntryPointTestsAndDefaults()
    {
        Write("twice", Valid);

        var question = CodeQuestionLoader.Load(_bank, "twice");

        Assert.Equal("Twice", question.Entry.Method);
        Assert.Equal(["x"], question.Entry.Parameters);
        Assert.Equal(4, question.MaxScore);
        Assert.Equal(ComparisonKind.Exact, question.Compare.Kind);
        Assert.Equal(1000, question.Limits.TimeMs);
        Assert.Equal(4, TestInstances.Create(question, 1, null).Count);
    }

    [Theory]
    [InlineData("tests[0].args", "{name: one, args: {y: 1}, expected: 2}")]
    [InlineData("tests[0].expected", "{name: one, args: {x: 1}}")]
    [InlineData("tests[0].colour", "{name: one, args: {x: 1}, expected: 2, colour: red}")]
    public void Load_NamesTheFieldOfABadTest(string field, string test)
    {
        var file = Write("twice", Valid.Replace("  - {name: one, visible: true, args: {x: 1}, expected: 2}", $"  - {test}", StringComparison.Ordinal));

        var error = Assert.Throws<BankException>(() => CodeQuestionLoader.LoadFile(file));

        Assert.Equal(field, error.Field);
        Assert.Equal(5, error.Line);
        Assert.Equal(file, error.File);
    }

    [Fact]
    public void Load_ParsesAQuestionOnce_AndAgainWhenItsFileChanges()
    {
        var file = Write("twice", Valid);

        var first = CodeQuestionLoader.Load(_bank, "twice");
        Assert.Same(first, CodeQuestionLoader.Load(_bank, "twice"));
        File.WriteAllText(file, Valid.Replace("title: Twice", "title: Twice again", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("Twice again", CodeQuestionLoader.Load(_bank, "twice").Title);
    }

    [Fact]
    public void Load_RefusesASignatureThatIsNotAStaticMethod()
    {
        var file = Write("twice", Valid.Replace("public static int Twice(int x)", "int Twice", StringComparison.Ordinal));

        Assert.Equal("entry.signature", Assert.Throws<BankException>(() => CodeQuestionLoader.LoadFile(file)).Field);
    }

    [Fact]
    public void Load_UnknownId_IsBadInputNamingTheProblemId()
    {
        Assert.Equal("problem-id", Assert.Throws<BadInputException>(() => CodeQuestionLoader.Load(SandboxFixture.Bank, "no-such-question")).Field);
        Assert.Equal("problem-id", Assert.Throws<BadInputException>(() => CodeQuestionLoader.Load(SandboxFixture.Bank, "../etc")).Field);
    }
}
