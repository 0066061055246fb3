using System.Reflection;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;
using Autograder.Solvers.Validation;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Grading;

/// <summary>
/// Grades a student's answers to a whole exam: each problem against the student's variant (or the canonical one),
/// each part's score scaled from the problem's points to the exam's.
/// </summary>
public static class ExamGrader
{
    /// <summary>The version stamped on every result: the grader assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(ExamGrader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ExamGrader).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <param name="answers"><c>{"problem-id": {"part-id": answer}}</c>; problems left out get "No answer was given".</param>
    /// <param name="canonical">Grade against each problem's canonical params (the seed exam's numbers).</param>
    public static ExamResult Grade(ProblemBank bank, ExamDefinition exam, long seed, string studentId, JsonObject answers,
        bool canonical = false, DateTimeOffset? gradedAt = null)
    {
        var variants = exam.Problems.ToDictionary(
            p => p.ProblemId,
            p => canonical ? VariantFactory.Canonical(bank.Problem(p.ProblemId)) : VariantFactory.Create(bank.Problem(p.ProblemId), seed, studentId),
            StringComparer.Ordinal);
        return Grade(bank, exam, variants, seed, studentId, answers, canonical, gradedAt);
    }

    /// <summary>Grades against variants given by the caller, such as the ones stored when the exam was published.</summary>
    public static ExamResult Grade(ProblemBank bank, ExamDefinition exam, IReadOnlyDictionary<string, Variant> variants, long seed,
        string studentId, JsonObject answers, bool canonical = false, DateTimeOffset? gradedAt = null)
    {
        foreach (var (key, _) in answers)
        {
            if (!exam.Problems.Any(p => p.ProblemId == key))
                throw new BadInputException($"answers.{key}", $"exam '{exam.Id}' has no problem '{key}'");
        }
        var problems = exam.Problems.Select(item =>
        {
            var given = answers[item.ProblemId] switch
            {
                null => [],
                JsonObject o => o,
                _ => throw new BadInputException($"answers.{item.ProblemId}", "must be an object {\"part-id\": answer}"),
            };
            var variant = variants.TryGetValue(item.ProblemId, out var v)
                ? v
                : throw new BadInputException("variants", $"no variant of problem '{item.ProblemId}'");
            return GradeProblem(bank.Problem(item.ProblemId), variant, item.Points, given, $"answers.{item.ProblemId}");
        }).ToList();
        return new ExamResult(exam.Id, exam.Title, seed, studentId, canonical,
            Round(problems.Sum(p => p.Score)), exam.TotalPoints, gradedAt ?? DateTimeOffset.UtcNow, Version, problems);
    }

    /// <summary>Grades one problem and scales its scores to <paramref name="examPoints"/>.</summary>
    public static GradedProblem GradeProblem(ProblemDefinition problem, Variant variant, double examPoints, JsonObject answers, string field = "answers")
    {
        ProblemResult result;
        try
        {
            result = BankValidator.Grader.Grade(problem, variant, answers);
        }
        catch (BadInputException e) when (e.Field.StartsWith("answers.", StringComparison.Ordinal))
        {
            throw new BadInputException(field + e.Field["answers".Length..], e.Reason);
        }
        var scale = problem.Points > 0 ? examPoints / problem.Points : 0;
        var parts = result.Parts.Select(r =>
        {
            var part = problem.Part(r.PartId)!;
            var reference = part.Type is AnswerType.Manual or AnswerType.Code ? null : Grader.Reference(part, variant).Understood;
            return new GradedPart(r.PartId, part.Prompt, part.Type.ToString().ToLowerInvariant(), Round(r.Score * scale), Round(r.Max * scale),
                r.Feedback, r.Rule, r.FormatError, r.FormatError ? r.Typed : r.Understood, reference, r.PendingManual, part.Rubric);
        }).ToList();
        return new GradedProblem(problem.Id, problem.Title, Round(parts.Sum(p => p.Score)), examPoints, (JsonObject)variant.Params.DeepClone(), parts);
    }

    private static double Round(double x) => Math.Round(x, 6);
}
