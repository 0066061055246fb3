using Autograder.Core.Bank;

namespace Autograder.Core.Tests.Bank;

public sealed class BankLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bank-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Valid = """
        id: shapes
        version: 1
        title: Shapes
        topic: cnn
        points: 3
        solver: conv-output-shape
        generator: {id: conv-shapes}
        parts:
          - id: first
            type: shape
            points: 3
            answer: answers.output
        """;

    private string Write(string yaml, string statement = "Input {{ params.input }}")
    {
        var dir = Path.Combine(_root, "cnn", "shapes");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "problem.yaml"), yaml);
        File.WriteAllText(Path.Combine(dir, "statement.md"), statement);
        return Path.Combine(dir, "problem.yaml");
    }

    [Fact]
    public void Load_ReadsProblem_WithItsParts()
    {
        Write(Valid);
        var bank = BankLoader.Load(_root);
        var problem = bank.Problem("shapes");
        Assert.Equal("conv-output-shape", problem.Solver);
        Assert.Equal(AnswerType.Shape, Assert.Single(problem.Parts).Type);
    }

    [Theory]
    [InlineData("type: shape", "type: shap", 10, "parts[0].type", "unknown answer type 'shap'")]
    [InlineData("points: 3\n    answer", "points: 2\n    answer", 5, "points", "the parts add up to 2")]
    [InlineData("title: Shapes", "title: Shapes\npionts: 2", 4, "pionts", "unknown field")]
    [InlineData("version: 1", "version: one", 2, "version", "must be an integer")]
    [InlineData("topic: cnn", "topic: rnn", 4, "topic", "must equal the topic folder name 'cnn'")]
    public void Load_NamesFileLineAndField_WhenProblemIsInvalid(string from, string to, int line, string field, string message)
    {
        var file = Write(Valid.Replace(from, to, StringComparison.Ordinal));
        var e = Assert.Throws<BankException>(() => BankLoader.Load(_root));
        Assert.Equal(file, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesTheLine_WhenYamlSyntaxIsBroken()
    {
        var file = Write(Valid.Replace("points: 3\n", "points: [3\n", StringComparison.Ordinal));
        var e = Assert.Throws<BankException>(() => BankLoader.Load(_root));
        Assert.Equal(file, e.File);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Load_RefusesManualPart_WhoseRubricDoesNotAddUp()
    {
        Write(Valid.Replace("""
                type: shape
                points: 3
                answer: answers.output
            """, """
                type: manual
                points: 3
                rubric: [{id: a, text: right idea, points: 1}]
            """, StringComparison.Ordinal));
        var e = Assert.Throws<BankException>(() => BankLoader.Load(_root));
        Assert.Equal("parts[0].rubric", e.Field);
    }

    [Fact]
    public void Load_RefusesExam_ThatNamesUnknownProblem()
    {
        Write(Valid);
        Directory.CreateDirectory(Path.Combine(_root, "exams"));
        File.WriteAllText(Path.Combine(_root, "exams", "mid.yaml"), "id: mid\ntitle: Midterm\nproblems:\n  - {id: shapes}\n  - {id: nope, points: 2}\n");
        var e = Assert.Throws<BankException>(() => BankLoader.Load(_root));
        Assert.Equal(5, e.Line);
        Assert.Equal("problems[1].id", e.Field);
    }

    [Fact]
    public void Load_TakesProblemPoints_WhenExamDoesNotSayOtherwise()
    {
        Write(Valid);
        Directory.CreateDirectory(Path.Combine(_root, "exams"));
        File.WriteAllText(Path.Combine(_root, "exams", "mid.yaml"), "id: mid\ntitle: Midterm\nproblems:\n  - {id: shapes}\n");
        Assert.Equal(3, BankLoader.Load(_root).Exam("mid").TotalPoints);
    }
}
