namespace Autograder.Sandbox;

/// <summary>The verdicts of a code test, spelled as <c>autograder run-code</c> prints them, from best to worst.</summary>
public static class Verdicts
{
    public const string Passed = "passed";
    public const string WrongAnswer = "wrong_answer";
    public const string RuntimeError = "runtime_error";
    public const string OutputLimit = "output_limit";
    public const string TimeLimit = "time_limit";
    public const string MemoryLimit = "memory_limit";
    public const string ForbiddenApi = "forbidden_api";
    public const string CompileError = "compile_error";

    public static readonly IReadOnlyList<string> Ordered = [Passed, WrongAnswer, RuntimeError, OutputLimit, TimeLimit, MemoryLimit, ForbiddenApi, CompileError];

    /// <summary>The worse of two verdicts (later in <see cref="Ordered"/>).</summary>
    public static string Worst(string a, string b) => Severity(a) >= Severity(b) ? a : b;

    private static int Severity(string verdict)
    {
        for (var i = 0; i < Ordered.Count; i++)
            if (Ordered[i] == verdict) return i;
        throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict");
    }
}
