using Autograder.Sandbox.Questions;
using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests.Grading;

/// <summary>
/// The TorchSharp question (queue gpu): its submissions take and return tensors, run in the tensor runner (libtorch on
/// CUDA or the CPU), and are compared in the grader with the softmax-attention solver's outputs.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class TorchQuestionTests(SandboxFixture fixture)
{
    private static CodeQuestion Question => CodeQuestionLoader.Load(SandboxFixture.Bank, "torch-attention");

    private static string Submission(string body) => $$"""
        using TorchSharp;
        using static TorchSharp.torch;

        public static class Solution
        {
            public static Tensor Attention(Tensor q, Tensor k, Tensor v)
            {
                {{body}}
            }
        }
        """;

    [Fact]
    public void Question_RunsOnTheGpuQueue_WithTensorParameters()
    {
        var question = Question;

        Assert.Equal("gpu", question.Queue);
        Assert.Equal(["q", "k", "v"], question.Entry.Parameters);
        Assert.Equal(ComparisonKind.AllClose, question.Compare.Kind);
    }

    [Fact]
    public async Task Reference_PassesEveryTest_AndTheGraderNeverLoadsLibtorch()
    {
        var question = Question;
        var source = await File.ReadAllTextAsync(question.ReferenceFile!);

        var result = await fixture.Grader.GradeAsync(question, source, 5, CancellationToken.None);

        Assert.True(result.Verdict == Verdicts.Passed, result.ToJson().ToJsonString());
        Assert.Equal(question.MaxScore, result.Score);
        Assert.DoesNotContain("libtorch", await File.ReadAllTextAsync("/proc/self/maps"), StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "TorchSharp");
    }

    [Fact]
    public async Task UnscaledSample_GetsWrongAnswer_ShowingTheFirstDifferenceOnTheVisibleTest()
    {
        var question = Question;
        var source = await File.ReadAllTextAsync(Path.Combine(question.Directory, "samples", "unscaled.cs"));

        var result = await fixture.Grader.GradeAsync(question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.WrongAnswer, result.Verdict);
        Assert.Equal(0, result.Score);
        Assert.StartsWith("at [0][0]: expected ", result.Tests.Single(t => t.Name == "one-query").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MismatchedShapes_GetACleanRuntimeError_NamingLibtorchsMessage()
    {
        // k is not transposed: libtorch's C++ error ends the child; the grader reports it and starts a fresh one.
        var source = Submission("return matmul(nn.functional.softmax(matmul(q, k) / Math.Sqrt(q.shape[1]), 1), v);");

        var result = await fixture.Grader.GradeAsync(Question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.RuntimeError, result.Verdict);
        Assert.Equal(0, result.Score);
        var first = result.Tests.Single(t => t.Name == "one-query");
        Assert.Equal(Verdicts.RuntimeError, first.Verdict);
        Assert.Contains("shapes cannot be multiplied (1x2 and 3x2)", first.Message, StringComparison.Ordinal);
        Assert.All(result.Tests, t => Assert.DoesNotContain("terminate called", t.Message, StringComparison.Ordinal));
        Assert.All(result.Tests, t => Assert.DoesNotContain("Exception raised from", t.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManagedException_InATensorSubmission_IsARuntimeErrorPerTest()
    {
        var source = Submission("if (q.shape[0] > 1) throw new ArgumentException(\"more than one query\"); return matmul(nn.functional.softmax(matmul(q, k.t()) / Math.Sqrt(q.shape[1]), 1), v);");

        var result = await fixture.Grader.GradeAsync(Question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.Passed, result.Tests.Single(t => t.Name == "one-query").Verdict);
        Assert.Equal(Verdicts.RuntimeError, result.Tests.Single(t => t.Name == "large-scores").Verdict);
        Assert.False(result.Tests.Single(t => t.Name == "large-scores").Visible);
        Assert.Equal("runtime error (hidden test)", result.Tests.Single(t => t.Name == "large-scores").Message);
    }

    [Fact]
    public async Task LibtorchMemory_BeyondTheQuestionsLimit_IsAMemoryLimit()
    {
        // 3.2 GB of native memory, outside the .NET heap: only the child's memory cgroup can stop it.
        var source = Submission("var big = ones(new long[] { 20000, 20000 }, dtype: ScalarType.Float64, device: q.device); return q + big.sum() * 0;");

        var result = await fixture.Grader.GradeAsync(Question, source, 1, CancellationToken.None);

        Assert.Equal(Verdicts.MemoryLimit, result.Tests.Single(t => t.Name == "one-query").Verdict);
        Assert.Equal(0, result.Score);
    }

    [Theory]
    [InlineData("q.save(\"/tmp/q.pt\"); return q;", "TorchSharp.torch.Tensor.save")]
    [InlineData("torch.save(q, \"/tmp/q.pt\"); return q;", "TorchSharp.torch.save")]
    [InlineData("return torch.load(\"/etc/passwd\");", "TorchSharp.torch.load")]
    [InlineData("var m = torch.jit.load(\"/tmp/m.pt\"); return q;", "TorchSharp.torch.jit")]
    [InlineData("return from_file(\"/etc/passwd\");", "TorchSharp.torch.from_file")]
    [InlineData("q.Save(\"/tmp/q.pt\"); return q;", "TorchSharp.TensorExtensionMethods")]
    [InlineData("torch.set_num_threads(16); return q;", "TorchSharp.torch.set_num_threads")]
    [InlineData("var h = q.Handle; return q;", "TorchSharp.torch.Tensor.Handle")]
    [InlineData("System.IO.File.WriteAllText(\"/tmp/x\", q.ToString()); return q;", "System.IO.File")]
    [InlineData("return q.GetType().GetMethod(\"save\") is null ? q : k;", "System.Object.GetType")]
    public async Task ForbiddenApi_InATensorSubmission_IsRefusedBeforeRunning(string body, string named)
    {
        var result = await fixture.Grader.GradeAsync(Question, Submission(body), 1, CancellationToken.None);

        Assert.Equal(Verdicts.ForbiddenApi, result.Verdict);
        Assert.Contains(named, result.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Timings.RunMs);
    }
}
