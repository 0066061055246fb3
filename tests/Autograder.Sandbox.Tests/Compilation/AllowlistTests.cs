using Autograder.Sandbox.Compilation;

namespace Autograder.Sandbox.Tests.Compilation;

public sealed class AllowlistTests
{
    private static readonly SubmissionCompiler Compiler = new();

    private static CompileOutcome Compile(string body, IReadOnlyList<string>? allow = null) => Compiler.Compile(new CompileRequest(
        $$"""
        using System.Text;
        public static class Solution
        {
            public static int F(int x)
            {
                {{body}}
            }
        }
        """, "Solution", "public static int F(int x)", allow ?? []), CancellationToken.None);

    private static CompileOutcome CompileFile(string source) =>
        Compiler.Compile(new CompileRequest(source, "Solution", "public static int F(int x)", []), CancellationToken.None);

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
    [InlineData("var a = new int[4]; var v = System.Numerics.Vector.LoadUnsafe(ref a[0], (nuint)100); return v[0];", "Vector.LoadUnsafe")]
    [InlineData("var a = new int[4]; System.Numerics.Vector.StoreUnsafe(System.Numerics.Vector<int>.One, ref a[0], (nuint)64); return a[0];", "Vector.StoreUnsafe")]
    [InlineData("return (from v in new EnumerableQuery<int>(new[] { x }) select v).First();", "System.Linq")]
    [InlineData("return (from v in new[] { x }.AsQueryable() where v > 0 select v).First();", "Queryable")]
    [InlineData("Action f = async () => { }; f(); return x;", "async")]
    [InlineData("System.Linq.Expressions.Expression<Func<int>> e = () => x; return e.Compile()();", "System.Linq.Expressions")]
    [InlineData("return Console.Out.Encoding.CodePage;", "Console.Out")]
    public void ForbiddenApi_IsReported_WithItsLineAndName(string body, string named)
    {
        var outcome = Compile(body);

        Assert.False(outcome.Succeeded);
        Assert.Equal(Verdicts.ForbiddenApi, outcome.FailureVerdict);
        Assert.StartsWith("line 6: ", outcome.Message, StringComparison.Ordinal);
        Assert.Contains(named, outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static class Solution { public static int F(int x) => x; static async void Later() { } }", "async")]
    [InlineData("public static class Solution { public static int F(int x) => new Box().V + x; } sealed class Box { public int V; ~Box() { } }", "finalizers")]
    public void SecondThreadRoutes_AreForbidden(string source, string named)
    {
        var outcome = CompileFile(source);

        Assert.Equal(Verdicts.ForbiddenApi, outcome.FailureVerdict);
        Assert.Contains(named, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuerySyntax_OverArrays_Compiles()
    {
        var outcome = Compile("return (from v in new[] { x, 2 } where v > 0 orderby v select v * 2).Sum();");

        Assert.True(outcome.Succeeded, outcome.Message);
    }

    [Theory]
    [InlineData("public static class Solution { public static int F<T>(int x) => x; }")]
    [InlineData("public static class Solution { public static long F(int x) => x; }")]
    [InlineData("public static class Solution { public static int F(long x) => (int)x; }")]
    [InlineData("public static class Solution { public static int F(ref int x) => x; }")]
    [InlineData("public static class Solution { static int F(int x) => x; }")]
    public void EntryPoint_OtherThanTheSignature_IsACompileErrorShowingIt(string source)
    {
        var outcome = CompileFile(source);

        Assert.Equal(Verdicts.CompileError, outcome.FailureVerdict);
        Assert.Contains("public static int F(int x)", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int F(int x) => x + 1;")]
    [InlineData("using System.Text;\nvar cache = new Dictionary<int, int>();\nint F(int x) { cache[x] = x; return new StringBuilder().Append(cache.Count).Length; }")]
    [InlineData("const int Offset = 2;\nrecord Pair(int A, int B);\npublic static int F(int x) => new Pair(x, Offset).A + Helper();\nstatic int Helper() => 0;\nConsole.WriteLine(\"loaded\");")]
    public void Script_WithTopLevelMethods_Compiles(string source)
    {
        var outcome = CompileFile(source.Replace("\\n", "\n", StringComparison.Ordinal));

        Assert.True(outcome.Succeeded, outcome.Message);
    }

    [Theory]
    [InlineData("#r \"System.IO.dll\"\nint F(int x) => x;", "#r")]
    [InlineData("#load \"other.csx\"\nint F(int x) => x;", "#load")]
    public void Script_ReferenceDirectives_AreRefused(string source, string named)
    {
        var outcome = CompileFile(source);

        Assert.Equal(Verdicts.ForbiddenApi, outcome.FailureVerdict);
        Assert.Contains(named, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_ForbiddenApi_IsReportedOnTheStudentsLine()
    {
        var outcome = CompileFile("// a notebook cell\n\nint F(int x)\n{\n    return System.IO.File.ReadAllText(\"/etc/passwd\").Length;\n}\n");

        Assert.Equal(Verdicts.ForbiddenApi, outcome.FailureVerdict);
        Assert.StartsWith("line 5: ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeSource_IsACompileErrorNamingTheLimit()
    {
        var outcome = CompileFile(new string(' ', SubmissionCompiler.MaxSourceChars + 1));

        Assert.Equal(Verdicts.CompileError, outcome.FailureVerdict);
        Assert.Contains("source limit", outcome.Message, StringComparison.Ordinal);
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
        var outcome = CompileFile("public static class Solution { public static unsafe int F(int x) { int* p = &x; return *p; } }");

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
        var outcome = CompileFile("public static class Solution { public static int G(int x) => x; }");

        Assert.Equal(Verdicts.CompileError, outcome.FailureVerdict);
        Assert.Contains("F", outcome.Message, StringComparison.Ordinal);
    }
}
