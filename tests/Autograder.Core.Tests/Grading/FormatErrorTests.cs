using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Core.Tests.Grading;

/// <summary>An answer that cannot be read is a format error that keeps what the student typed, never a plain zero.</summary>
public sealed class FormatErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bank-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly Grader Grader = new((_, _) => []);

    private ProblemDefinition Load()
    {
        var dir = Path.Combine(_root, "optimization", "decay");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "problem.yaml"), """
            id: decay
            version: 1
            title: Weight decay
            topic: optimization
            points: 4
            solver: none
            generator: {id: fixed}
            parts:
              - id: gamma
                type: formula
                points: 2
                variables: [eta, lambda, u_1]
                value: "eta * lambda * u_1"
              - id: cost
                type: complexity
                points: 2
                variables: [n, d]
                value: "O(n^2 d)"
            """);
        File.WriteAllText(Path.Combine(dir, "statement.md"), "Find γ.");
        return BankLoader.Load(_root).Problem("decay");
    }

    private static Variant Fixed(ProblemDefinition problem) => new(problem.Id, 1, "none", 1, null, "", [], [], []);

    [Fact]
    public void Grade_KeepsWhatWasTypedNextToTheMessage_WhenAnAnswerCannotBeRead()
    {
        var problem = Load();

        var result = Grader.Grade(problem, Fixed(problem), new JsonObject { ["gamma"] = @"\eta \lambda_{1", ["cost"] = "O(n^2 d" });

        var gamma = result.Parts[0];
        Assert.True(gamma.FormatError);
        Assert.Equal(@"\eta \lambda_{1", gamma.Typed);
        Assert.StartsWith("Could not read the formula: at column 14:", gamma.Feedback, StringComparison.Ordinal);
        var cost = result.Parts[1];
        Assert.True(cost.FormatError);
        Assert.Equal("O(n^2 d", cost.Typed);
        Assert.Equal(@"\eta \lambda_{1", result.ToJson()["parts"]![0]!["typed"]!.GetValue<string>());
    }

    [Fact]
    public void Grade_GivesFullCredit_WhenTheAnswerIsWrittenInLatexOrUnicode()
    {
        var problem = Load();

        var result = Grader.Grade(problem, Fixed(problem), new JsonObject { ["gamma"] = @"\eta\lambda u₁", ["cost"] = @"\mathcal{O}(n²d)" });

        Assert.All(result.Parts, p =>
        {
            Assert.False(p.FormatError, p.Feedback);
            Assert.Equal(p.Max, p.Score);
            Assert.Null(p.Typed);
        });
        Assert.Equal("eta*lambda*u_1", result.Parts[0].Understood);
    }
}
