using System.Text.Json.Nodes;

namespace Autograder.Sandbox.Questions;

/// <summary>
/// A code question of the bank (<c>problem-bank/code/&lt;id&gt;/question.yaml</c>): the entry point students write,
/// the tests with their points, how outputs are compared and the limits each test runs under.
/// </summary>
public sealed record CodeQuestion(
    string Id,
    int Version,
    string Title,
    string Queue,
    EntryPoint Entry,
    Comparison Compare,
    TestLimits Limits,
    IReadOnlyList<string> Allow,
    IReadOnlyList<CodeTest> Tests,
    string Statement,
    string Directory,
    string? ReferenceFile,
    string? StarterFile)
{
    public double MaxScore => Tests.Sum(t => t.Points * t.Count);
}

/// <summary>The public static method the submission must define, e.g. <c>Solution.OutputShape</c>, and its parameter names in order.</summary>
public sealed record EntryPoint(string Class, string Method, string Signature, IReadOnlyList<string> Parameters);

public enum ComparisonKind
{
    Exact,
    Tolerance,
    AllClose,
}

/// <summary>How an output is compared with the expected one: exact JSON equality, or numbers within rtol/atol (allclose also checks shapes).</summary>
public sealed record Comparison(ComparisonKind Kind, double RelativeTolerance = 1e-6, double AbsoluteTolerance = 1e-9);

/// <summary>Limits for one test: wall time, memory of the child, and what it may print.</summary>
public sealed record TestLimits(int TimeMs = 1000, int MemoryMb = 256, int OutputKb = 64);

/// <summary>
/// One test, or a family of <see cref="Count"/> seeded random tests. <see cref="Args"/> maps parameter names to JSON
/// values or to random specs (<c>{random: int, min, max}</c>, ...); the expected output is a literal <see cref="Expected"/>
/// or a reference solver run on the arguments (<see cref="Solver"/>, <see cref="SolverParams"/> with <c>$name</c> for an
/// argument, <see cref="Answer"/> a path into the answers), or, for a submission that returns a design rather than
/// an answer (hand-set weights), an <see cref="Evaluate"/> step run in the grader on the returned value.
/// </summary>
public sealed record CodeTest(
    string Name,
    bool Visible,
    double Points,
    int Count,
    JsonObject Args,
    JsonNode? Expected,
    string? Solver,
    JsonObject? SolverParams,
    string? Answer,
    TestLimits? Limits,
    JsonObject? Evaluate = null,
    string? PerRow = null);
