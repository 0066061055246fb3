using Autograder.Sandbox.Questions;
using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests.Grading;

/// <summary>What the child does with a result: all of it is timed and bounded, and every excess is that test's verdict.</summary>
[Collection(SandboxCollection.Name)]
public sealed class ResultLimitsTests(SandboxFixture fixture) : IDisposable
{
    private readonly string _bank = Directory.CreateTempSubdirectory("autograder-limits-bank-").FullName;

    public void Dispose() => Directory.Delete(_bank, recursive: true);

    private CodeQuestion Question(string signature, string parameter)
    {
        var dir = Path.Combine(_bank, "code", "limits");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "statement.md"), "Limits.");
        File.WriteAllText(Path.Combine(dir, "question.yaml"), $$"""
            id: limits
            title: Limits
            entry: {class: Solution, signature: "{{signature}}"}
            limits: {time_ms: 300, output_kb: 16}
            tests:
              - {name: one, visible: true, args: {{{parameter}}: 3}, expected: [1, 2, 3]}
            """);
        return CodeQuestionLoader.LoadFile(Path.Combine(dir, "question.yaml"));
    }

    [Fact]
    public async Task LazyResult_ThatSpinsWhileItIsWritten_IsATimeLimit()
    {
        var question = Question("public static IEnumerable<int> Count(int n)", "n");
        const string source = "public static class Solution { public static IEnumerable<int> Count(int n) { var until = DateTime.UtcNow.AddSeconds(2); while (DateTime.UtcNow < until) { } yield return 1; } }";

        var result = await fixture.Grader.GradeAsync(question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.TimeLimit, result.Verdict);
    }

    [Fact]
    public async Task ResultNestedDeeperThanTheLimit_IsARuntimeErrorOfThatTest()
    {
        var question = Question("public static object Nest(int depth)", "depth");
        const string source = "public static class Solution { public static object Nest(int depth) { object o = 1; for (var i = 0; i < 500; i++) o = new[] { o }; return o; } }";

        var result = await fixture.Grader.GradeAsync(question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.RuntimeError, result.Verdict);
        Assert.Contains("nested more than 64 levels", result.Tests[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultLargerThanTheOutputLimit_IsAnOutputLimitOfThatTest()
    {
        var question = Question("public static object Nest(int depth)", "depth");
        const string source = "public static class Solution { public static object Nest(int depth) => Enumerable.Range(0, 100_000).ToArray(); }";

        var result = await fixture.Grader.GradeAsync(question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.OutputLimit, result.Verdict);
    }
}
