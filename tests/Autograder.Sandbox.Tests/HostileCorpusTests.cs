using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests;

/// <summary>Every file of tests/hostile gets the verdict its first line names, and the grader stays healthy throughout.</summary>
[Collection(SandboxCollection.Name)]
public sealed class HostileCorpusTests(SandboxFixture fixture)
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SandboxFixture.HostileDir, "*.cs").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastThirtySubmissions_EachWithAnExpectedVerdict()
    {
        var files = Directory.GetFiles(SandboxFixture.HostileDir, "*.cs");
        Assert.True(files.Length >= 30, $"only {files.Length} hostile submissions");
        foreach (var file in files)
            Assert.Contains(Header(File.ReadAllText(file)).Expected, Verdicts.Ordered);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Submission_GetsItsExpectedVerdict(string file)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(SandboxFixture.HostileDir, file));
        var (expected, allowlistOff) = Header(source);
        if (allowlistOff && fixture.Grader.Warnings.Count > 0)
            Assert.Fail($"{file} needs every process layer, and this machine lacks one: {fixture.Grader.Warnings[0]}");

        // A listener on the host's loopback: the submission's 127.0.0.1 must be the sandbox's own, where nothing listens.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 47831);
        if (file.Contains("localhost", StringComparison.Ordinal)) listener.Start();

        var result = await fixture.Grader.GradeAsync(SandboxFixture.HostileQuestion, source, seed: 3, checkAllowlist: !allowlistOff, CancellationToken.None);

        Assert.True(expected == result.Verdict, $"{file}: expected {expected}, got {result.ToJson().ToJsonString()}");
        if (expected != Verdicts.Passed) Assert.True(result.Score < result.Max);
        if (Message(source) is { } message)
            Assert.True(result.Tests[0].Message.Contains(message, StringComparison.Ordinal), $"{file}: expected a message with '{message}', got '{result.Tests[0].Message}'");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Submission_InScriptForm_GetsTheSameVerdict(string file)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(SandboxFixture.HostileDir, file));
        var (expected, allowlistOff) = Header(source);
        var script = ScriptConversion.FromClass(source, SandboxFixture.HostileQuestion.Entry.Class);
        Assert.NotEqual(source, script);

        var result = await fixture.Grader.GradeAsync(SandboxFixture.HostileQuestion, script, seed: 4, checkAllowlist: !allowlistOff, CancellationToken.None);

        Assert.True(expected == result.Verdict, $"{file} as a script: expected {expected}, got {result.ToJson().ToJsonString()}");
        if (expected != Verdicts.Passed) Assert.True(result.Score < result.Max);
    }

    private static string? Message(string source) =>
        source.Split('\n').Take(3).FirstOrDefault(l => l.StartsWith("// message: ", StringComparison.Ordinal))?["// message: ".Length..].Trim();

    [Fact]
    public async Task Grader_StillGradesACorrectSubmission_AfterTheWorstOnes()
    {
        foreach (var file in new[] { "stack-overflow.cs", "allocation-bomb.cs", "huge-output.cs", "bypass-pinvoke-kill-parent.cs", "bypass-spin-many-threads.cs", "constant-folding-bomb.cs", "deep-nesting.cs" })
        {
            var source = await File.ReadAllTextAsync(Path.Combine(SandboxFixture.HostileDir, file));
            var (expected, allowlistOff) = Header(source);
            var result = await fixture.Grader.GradeAsync(SandboxFixture.HostileQuestion, source, 5, checkAllowlist: !allowlistOff, CancellationToken.None);
            Assert.Equal(expected, result.Verdict);
        }
        var reference = await File.ReadAllTextAsync(Path.Combine(SandboxFixture.Bank, "code", "conv-shape-function", "reference", "Solution.cs"));

        var after = await fixture.Grader.GradeAsync(SandboxFixture.HostileQuestion, reference, 5, CancellationToken.None);

        Assert.Equal(Verdicts.Passed, after.Verdict);
        Assert.Equal(after.Max, after.Score);
    }

    private static (string Expected, bool AllowlistOff) Header(string source)
    {
        var lines = source.Split('\n');
        const string prefix = "// expect: ";
        Assert.StartsWith(prefix, lines[0], StringComparison.Ordinal);
        return (lines[0][prefix.Length..].Trim(), lines.Length > 1 && lines[1].Trim() == "// allowlist: off");
    }
}
