using Autograder.Sandbox.Compilation;

namespace Autograder.Sandbox.Tests.Compilation;

public sealed class AllowlistTests
{
    private static readonly SubmissionCompiler Compiler = new();

    private static CompileOutcome Compile(string body, IReadOnlyCollection<string>? allow = null) => Compiler.Compile(
        $$"""
        using System.Text;
        public static class Solution
        {
            public static int F(int x)
            {
                {{body}}
            }
        }
        """, "Solution", "F", 1, allow ?? [], CancellationToken.None);

    [Theory]
    [InlineData("var list = new List<int> { x, 2 }; return list.Where(v => v > 1).Sum();")]
    [InlineData("return (int)Math.Round(Math.Sqrt(x) * Math.PI);")]
    [InlineData("var sb = new StringBuilder(); sb.Append(x); Console.WriteLine(sb.ToString()); return sb.Length;")]
    [InlineData("var d = new Dictionary<string, int[]>(); d[\"a\"] = [x]; return d[\"a\"][0];")]
    [InlineData("Span<int> s = stackalloc int[4]; s[0] = x; return s[0];")]
    [InlineData("var (a, b) = (x, 2); return a * b;")]
    [InlineData("if (x < 0) throw new ArgumentOutOfRangeException(nameof(x)); return x;")]
    [InlineData("return System.Numerics.BigInteger.Pow(x, 2).IsZero ? 0 : 1;")]
    [InlineData("return new Random(x).Next(10);")]
    public void AllowedCode_Compiles(string body)
    {
        var outcome = Compile(body);

        Assert.True(outcome.Succeeded, outcome.Message);
    }

    [Theory]
    [InlineData("return System.IO.File.ReadAllText(\"/etc/passwd\").Length;", "System.IO.File")]
    [InlineData("return new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp).Available;", "System.Net")]
    [InlineData("return System.Diagnostics.Process.GetCurrentProcess().Id;", "System.Diagnostics")]
    [InlineData("return typeof(Solution).GetMethods().Length;", "System.Type")]
    [InlineData("return Environment.ProcessorCount;", "System.Environment")]
    [InlineData("new System.Threading.Thread(() => { }).Start(); return x;", "System.Threading.Thread")]
    [InlineData("return System.Threading.Tasks.Task.FromResult(x).Result;", "System.Threading.Tasks")]
    [InlineData("return Console.Read();", "Console.Read")]
    [InlineData("return AppDomain.CurrentDomain.Id;", "System.AppDomain")]
    [InlineData("return System.Runtime.InteropServices.Marshal.SizeOf<int>();", "Marshal")]
    [InlineData("Func<string, string> read = System.IO.File.ReadAllText; return read(\"x\").Length;", "System.IO.File")]
    [InlineData("return x.GetType().Name.Length;", "GetType")]
    public void ForbiddenApi_IsReported_WithItsLineAndName(string body, string named)
    {
        var outcome = Compile(body);

        Assert.False(outcome.Succeeded);
        Assert.Equal(Verdicts.ForbiddenApi, outcome.FailureVerdict);
        Assert.StartsWith("line 6: ", outcome.Message, StringComparison.Ordinal);
        Assert.Contains(named, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_AreAllowed_WhenTheQuestionAllowsTheirNamespace()
    {
        const string body = "return System.Threading.Tasks.Task.Run(() => x + 1).Result;";

        Assert.Equal(Verdicts.ForbiddenApi, Compile(body).FailureVerdict);
        Assert.True(Compile(body, ["System.Threading.Tasks"]).Succeeded);
    }

    [Fact]
    public void UnsafeCode_IsForbidden_NotACompileError()
    {
        var outcome = Compiler.Compile("public static class Solution { public static unsafe int F(int x) { int* p = &x; return *p; } }",
            "Solution", "F", 1, [], CancellationToken.None);

        Assert.Equal(Verdicts.ForbiddenApi, outcome.FailureVerdict);
        Assert.Contains("unsafe", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_IsACompileError_WithItsLine()
    {
        var outcome = Compile("return x +;");

        Assert.Equal(Verdicts.CompileError, outcome.FailureVerdict);
        Assert.StartsWith("line 6: ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEntryPoint_IsACompileError()
    {
        var outcome = Compiler.Compile("public static class Solution { public static int G(int x) => x; }", "Solution", "F", 1, [], CancellationToken.None);

        Assert.Equal(Verdicts.CompileError, outcome.FailureVerdict);
        Assert.Contains("F", outcome.Message, StringComparison.Ordinal);
    }
}
