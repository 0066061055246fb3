using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Questions;
using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests.Grading;

/// <summary>Every code question of the bank: its reference solution passes its own tests, its starter does not.</summary>
[Collection(SandboxCollection.Name)]
public sealed class ReferenceSolutionTests(SandboxFixture fixture)
{
    public static TheoryData<string> QuestionIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in CodeQuestionLoader.LoadAll(SandboxFixture.Bank).Keys.Order(StringComparer.Ordinal)) data.Add(id);
        return data;
    }

    [Fact]
    public void Bank_HasTheCodeQuestionsOfTheCourse()
    {
        var ids = CodeQuestionLoader.LoadAll(SandboxFixture.Bank).Keys;
        Assert.Contains("conv-shape-function", ids);
        Assert.Contains("beam-search-decoder", ids);
        Assert.Contains("bn-backward", ids);
        Assert.Contains("hand-designed-attention", ids);
        Assert.Contains("karate-club-gnn", ids);
        Assert.Contains("scaled-dot-product-attention", ids);
        Assert.Contains("linear-autoencoder", ids);
    }

    [Fact]
    public async Task LinearAutoencoder_OrthonormalButWrongSubspace_GetsOnlyTheOrthonormalPoints()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "linear-autoencoder");
        const string firstAxes =
            "public static class Solution { public static double[][][] Train(double[][] data, int k) { var d = data[0].Length; " +
            "var dec = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, k).Select(j => i == j ? 1.0 : 0.0).ToArray()).ToArray(); " +
            "var enc = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, d).Select(i => i == j ? 1.0 : 0.0).ToArray()).ToArray(); return [enc, dec]; } }";

        var result = await fixture.Grader.GradeAsync(question, firstAxes, 1, CancellationToken.None);

        Assert.Equal(Verdicts.WrongAnswer, result.Verdict);
        Assert.Equal(Verdicts.Passed, result.Tests.Single(t => t.Name == "orthonormal-decoder").Verdict);
        Assert.Contains("reconstruction error", result.Tests.Single(t => t.Name == "reconstruction").Message, StringComparison.Ordinal);
        Assert.Contains("principal subspace", result.Tests.Single(t => t.Name == "principal-subspace").Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Score);
    }

    [Fact]
    public async Task KarateClub_OneClubForEveryone_FailsOnHeldOutAccuracy()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "karate-club-gnn");
        const string everyoneWithMrHi =
            "public static class Solution { public static int[] Classify(int[][] edges, int nodes, int[] trainNodes, int[] trainLabels) => new int[nodes]; }";

        var result = await fixture.Grader.GradeAsync(question, everyoneWithMrHi, 1, CancellationToken.None);

        Assert.Equal(Verdicts.WrongAnswer, result.Verdict);
        Assert.Equal(0, result.Score);
        Assert.All(result.Tests.Where(t => t.Visible), t => Assert.Contains("held-out accuracy", t.Message, StringComparison.Ordinal));
        Assert.All(result.Tests.Where(t => !t.Visible), t => Assert.Equal("wrong answer (hidden test)", t.Message));
    }

    [Theory]
    [InlineData("1", "allclose")] // the reference's design with soft scores: the softmax is not nearly one-hot
    [InlineData("0", "shape")]
    public async Task HandDesignedAttention_RunsTheReturnedWeightsInTheGrader(string sharpness, string failure)
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "hand-designed-attention");
        var reference = await File.ReadAllTextAsync(question.ReferenceFile!);
        var source = failure == "shape"
            ? reference.Replace("return [wq, wk, wv];", "return [wq, wk];", StringComparison.Ordinal)
            : reference.Replace("private const double Sharp = 30;", $"private const double Sharp = {sharpness};", StringComparison.Ordinal);
        Assert.NotEqual(reference, source);

        var result = await fixture.Grader.GradeAsync(question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.WrongAnswer, result.Verdict);
        var visible = result.Tests.First(t => t.Visible);
        Assert.Contains(failure == "shape" ? "three matrices" : "expected", visible.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public async Task ReferenceSolution_PassesEveryTest_ForTwoSeeds(string id)
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, id);
        Assert.NotNull(question.ReferenceFile);
        var source = await File.ReadAllTextAsync(question.ReferenceFile);
        foreach (var seed in new long[] { 1, 20261126 })
        {
            var result = await fixture.Grader.GradeAsync(question, source, seed, CancellationToken.None);

            Assert.True(result.Verdict == Verdicts.Passed, result.ToJson().ToJsonString());
            Assert.Equal(result.Max, result.Score);
            Assert.Equal(question.MaxScore, result.Max);
        }
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public async Task ReferenceSolution_InScriptForm_PassesEveryTest(string id)
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, id);
        var script = ScriptConversion.FromClass(await File.ReadAllTextAsync(question.ReferenceFile!), question.Entry.Class);

        var result = await fixture.Grader.GradeAsync(question, script, 3, CancellationToken.None);

        Assert.True(result.Verdict == Verdicts.Passed, result.ToJson().ToJsonString());
        Assert.Equal(result.Max, result.Score);
    }

    [Fact]
    public void RandomTests_DifferPerStudentAndAttempt()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "bn-backward");

        string Args(CodeSeed seed) => string.Join("|", TestInstances.Create(question, seed.Value, SandboxFixture.Solve).Select(t => t.Args.ToJsonString()));

        Assert.Equal(Args(new CodeSeed(7, "s1", 1)), Args(new CodeSeed(7, "s1", 1)));
        Assert.NotEqual(Args(new CodeSeed(7, "s1", 1)), Args(new CodeSeed(7, "s2", 1)));
        Assert.NotEqual(Args(new CodeSeed(7, "s1", 1)), Args(new CodeSeed(7, "s1", 2)));
    }

    [Fact]
    public async Task HiddenTest_ThatThrowsItsArguments_ShowsOnlyTheKindOfFailure()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "conv-shape-function");
        const string leak = """
            public static class Solution
            {
                public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation) =>
                    throw new ArgumentException("leak " + string.Join(",", input) + " " + filters);
            }
            """;

        var result = await fixture.Grader.GradeAsync(question, leak, 1, CancellationToken.None);

        Assert.Contains(result.Tests, t => !t.Visible);
        Assert.All(result.Tests.Where(t => !t.Visible), t => Assert.Equal("runtime error (hidden test)", t.Message));
        Assert.Contains("leak", result.Tests.First(t => t.Visible).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public async Task Starter_CompilesButScoresNothing(string id)
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, id);
        Assert.NotNull(question.StarterFile);

        var result = await fixture.Grader.GradeAsync(question, await File.ReadAllTextAsync(question.StarterFile), 1, CancellationToken.None);

        Assert.Equal(Verdicts.RuntimeError, result.Verdict);
        Assert.Equal(0, result.Score);
        Assert.All(result.Tests.Where(t => t.Visible), t => Assert.Contains("NotImplementedException", t.Message, StringComparison.Ordinal));
        Assert.All(result.Tests.Where(t => !t.Visible), t => Assert.Equal("runtime error (hidden test)", t.Message));
    }

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var id in CodeQuestionLoader.LoadAll(SandboxFixture.Bank).Keys.Order(StringComparer.Ordinal))
        {
            var dir = Path.Combine(SandboxFixture.Bank, "code", id, "samples");
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs").Order(StringComparer.Ordinal)) data.Add(id, Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SampleSubmission_GetsTheVerdictItsFirstLineNames(string id, string file)
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, id);
        var source = await File.ReadAllTextAsync(Path.Combine(question.Directory, "samples", file));
        const string prefix = "// expect: ";
        Assert.StartsWith(prefix, source, StringComparison.Ordinal);
        var expected = source.Split('\n')[0][prefix.Length..].Trim();

        var result = await fixture.Grader.GradeAsync(question, source, 1, CancellationToken.None);

        Assert.True(expected == result.Verdict, $"{id}/{file}: expected {expected}, got {result.ToJson().ToJsonString()}");
        Assert.True(result.Score < result.Max);
    }

    [Fact]
    public async Task WrongAnswer_ShowsTheFirstDifference_OnVisibleTestsOnly()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "conv-shape-function");
        const string noPadding = """
            public static class Solution
            {
                public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation) =>
                    [input[0], filters, (input[2] - dilation * (kernel - 1) - 1) / stride + 1, (input[3] - dilation * (kernel - 1) - 1) / stride + 1];
            }
            """;

        var result = await fixture.Grader.GradeAsync(question, noPadding, 1, CancellationToken.None);

        Assert.Equal(Verdicts.WrongAnswer, result.Verdict);
        var visible = result.Tests.Single(t => t.Name == "exam-same-padding");
        Assert.Equal(Verdicts.WrongAnswer, visible.Verdict);
        Assert.Equal("at [2]: expected 32, got 30", visible.Message);
        Assert.Equal(Verdicts.Passed, result.Tests.Single(t => t.Name == "exam-stride-two").Verdict);
        Assert.All(result.Tests.Where(t => !t.Visible && t.Verdict == Verdicts.WrongAnswer), t => Assert.DoesNotContain("expected", t.Message, StringComparison.Ordinal));
        Assert.True(result.Score > 0 && result.Score < result.Max);
    }

    [Fact]
    public async Task ResultJson_HasTheRunCodeShape()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "conv-shape-function");
        var source = await File.ReadAllTextAsync(question.ReferenceFile!);

        var json = (await fixture.Grader.GradeAsync(question, source, 7, CancellationToken.None)).ToJson();

        Assert.Equal("passed", json["verdict"]!.GetValue<string>());
        Assert.Equal(question.MaxScore, json["score"]!.GetValue<double>());
        Assert.Equal(question.MaxScore, json["max"]!.GetValue<double>());
        var test = json["tests"]![0]!.AsObject();
        Assert.Equal("exam-same-padding", test["name"]!.GetValue<string>());
        Assert.Equal("passed", test["verdict"]!.GetValue<string>());
        Assert.NotNull(test["message"]);
        Assert.True(json["timings"]!["compile_ms"]!.GetValue<double>() >= 0);
        Assert.True(json["timings"]!["run_ms"]!.GetValue<double>() > 0);
    }

    [Fact]
    public void RandomTests_DependOnTheSeed_AndRepeatForTheSameSeed()
    {
        var question = CodeQuestionLoader.Load(SandboxFixture.Bank, "bn-backward");

        string Args(long seed) => string.Join("|", TestInstances.Create(question, seed, SandboxFixture.Solve).Select(t => t.Args.ToJsonString()));

        Assert.Equal(Args(3), Args(3));
        Assert.NotEqual(Args(3), Args(4));
    }
}
