using Autograder.Solvers.Grading;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Variants;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Grading;

/// <summary>The production graders: error carried forward runs the reference solvers of <see cref="SolverRegistry"/>.</summary>
public static class ReferenceGrading
{
    public static Grader Grader { get; } = new((id, p) => SolverRegistry.Get(id).Solve(p));

    public static ExamGrader ExamGrader { get; } = new(Grader);

    /// <summary>Every problem's variant for one student, generated from the seed (or the seed exam's numbers).</summary>
    public static IReadOnlyDictionary<string, Variant> Variants(ProblemBank bank, ExamDefinition exam, long seed, string studentId, bool canonical = false) =>
        exam.Problems.ToDictionary(
            p => p.ProblemId,
            p => canonical ? VariantFactory.Canonical(bank.Problem(p.ProblemId)) : VariantFactory.Create(bank.Problem(p.ProblemId), seed, studentId),
            StringComparer.Ordinal);

    /// <summary>Grades against freshly generated variants, as the command line and tests do without a database.</summary>
    public static ExamResult Grade(this ExamGrader grader, ProblemBank bank, ExamDefinition exam, long seed, string studentId, JsonObject answers,
        bool canonical = false, DateTimeOffset? gradedAt = null) =>
        grader.Grade(bank, exam, Variants(bank, exam, seed, studentId, canonical), seed, studentId, answers, canonical, gradedAt);
}
