using Autograder.Core.Bank;
using Autograder.Core.Variants;

namespace Autograder.Benchmarks;

/// <summary>What every benchmark starts from: the bank, found as the CLI finds it, and a made-up roster.</summary>
internal static class BenchmarkInputs
{
    public const long ExamSeed = 2026;

    // $AUTOGRADER_BANK, else problem-bank/ above the working directory; BenchmarkDotNet's child process runs
    // under tests/Autograder.Benchmarks/bin/, so walking up finds the repository's bank.
    public static ProblemBank LoadBank() => BankLoader.Load(ProblemBank.Locate());

    public static IReadOnlyList<Student> Roster(int count) =>
        Enumerable.Range(1, count).Select(i => new Student($"s{i:D5}", $"Student {i}", $"s{i:D5}@example.edu")).ToList();

    /// <summary>The bank's problems in id order, cycled until there are <paramref name="count"/>.</summary>
    public static IReadOnlyList<ProblemDefinition> Problems(ProblemBank bank, int count)
    {
        var all = bank.Problems.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        if (all.Count == 0) throw new InvalidOperationException($"the bank at {bank.Root} has no problems");
        return Enumerable.Range(0, count).Select(i => all[i % all.Count]).ToList();
    }
}
