using Autograder.Solvers.Simulation;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Variants;

namespace Autograder.Reports.Tests.Support;

/// <summary>Real graded submissions: the repository's bank, class-like answers, graded by <see cref="ExamGrader"/>.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Created = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Graded = new(2026, 11, 19, 17, 5, 0, TimeSpan.Zero);
    public const long Seed = 2026;

    public static ProblemBank Bank { get; } = BankLoader.Load(ProblemBank.Locate(FindBank()));

    public static ExamDefinition Midterm => Bank.Exam("sp23-midterm");

    /// <summary>Every problem of the bank in one exam: many problems and parts, several pages.</summary>
    public static ExamDefinition LongExam { get; } = new("all-problems", "Every problem of the bank", "in-memory",
        [.. Bank.Problems.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new ExamProblem(p.Id, p.Points))]);

    private static readonly StudentSimulator Students = new(Bank);

    /// <summary>Mostly the reference, some known mistakes, some another student's answer, some unreadable, some blank; all typed as JSON.</summary>
    private static readonly AnswerMix ClassMix = new(Right: 0.70, Mistaken: 0.12, Other: 0.08, Unreadable: 0.05, TypeAsText: false);

    /// <summary>Answers a student would give (mostly right, some known mistakes, some unreadable, some blank).</summary>
    public static JsonObject Answers(ExamDefinition exam, string studentId, int style)
    {
        var rng = new Random(style);
        var answers = new JsonObject();
        foreach (var item in exam.Problems)
        {
            var problem = Bank.Problem(item.ProblemId);
            var variant = VariantFactory.Create(problem, Seed, studentId);
            var neighbour = VariantFactory.Create(problem, Seed, studentId + "-neighbour");
            answers[item.ProblemId] = Students.ProblemAnswers(problem, variant, neighbour, ClassMix, rng);
        }
        return answers;
    }

    public static ExamResult Grade(ExamDefinition exam, string studentId, int style = 1, string? name = null) =>
        ReferenceGrading.ExamGrader.Grade(Bank, exam, Seed, studentId, Answers(exam, studentId, style), gradedAt: Graded) with
        {
            StudentName = name,
            SubmittedAt = Graded.AddHours(-3),
        };

    private static string FindBank()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "problem-bank");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("no problem-bank folder above " + AppContext.BaseDirectory);
    }
}
