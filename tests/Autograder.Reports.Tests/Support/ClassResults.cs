using Autograder.Core.Grading;
using Autograder.Solvers.Grading;

namespace Autograder.Reports.Tests.Support;

/// <summary>A class's graded midterms, made once per test run (grading is the slow part).</summary>
internal static class ClassResults
{
    private static readonly Lazy<IReadOnlyList<ExamResult>> Midterm = new(() =>
        [.. Enumerable.Range(1, 60).Select(i => Fixtures.Grade(Fixtures.Midterm, $"s{i:D5}", style: 100 + i, name: $"Student {i}"))]);

    public static IReadOnlyList<ExamResult> Sp23 => Midterm.Value;
}
