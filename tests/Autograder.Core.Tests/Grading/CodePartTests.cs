using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Core.Tests.Grading;

public sealed class CodePartTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bank-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ProblemDefinition Load()
    {
        var dir = Path.Combine(_root, "code", "shape-function");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "problem.yaml"), """
            id: shape-function
            version: 1
            title: Shapes as code
            topic: code
            points: 10
            solver: none
            generator: {id: fixed}
            parts:
              - id: code
                type: code
                points: 10
            """);
        File.WriteAllText(Path.Combine(dir, "statement.md"), "Write OutputShape.");
        return BankLoader.Load(_root).Problem("shape-function");
    }

    private static readonly Grader Grader = new((_, _) => []);

    private static Variant Fixed(ProblemDefinition problem) => new(problem.Id, 1, "none", 1, null, "", [], [], []);

    [Fact]
    public void Load_AcceptsACodePart_WithoutAReferenceAnswer()
    {
        var part = Assert.Single(Load().Parts);

        Assert.Equal(AnswerType.Code, part.Type);
        Assert.Null(part.Answer);
    }

    [Fact]
    public void Grade_LeavesTheCodePartToTheSandbox_WithNoPointsYet()
    {
        var problem = Load();

        var part = Assert.Single(Grader.Grade(problem, Fixed(problem), new JsonObject { ["code"] = "public static class Solution {}\n// two lines" }).Parts);

        Assert.Equal(PartPending.Code, part.Pending);
        Assert.Equal(0, part.Score);
        Assert.Equal("C# source, 2 lines", part.Understood);
        Assert.False(part.FormatError);
    }

    [Fact]
    public void Grade_ReportsAFormatError_WhenTheCodeIsNotText()
    {
        var problem = Load();

        var part = Assert.Single(Grader.Grade(problem, Fixed(problem), new JsonObject { ["code"] = new JsonArray(1, 2) }).Parts);

        Assert.True(part.FormatError);
        Assert.Contains("C# source", part.Feedback, StringComparison.Ordinal);
    }
}
