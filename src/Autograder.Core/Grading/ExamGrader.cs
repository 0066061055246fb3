using System.Reflection;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;

namespace Autograder.Core.Grading;

/// <summary>
/// Grades a student's answers to a whole exam against the student's variants: each problem with <paramref name="grader"/>,
/// each part's score scaled from the problem's points to the exam's. Code parts stay pending for the sandbox.
/// </summary>
public sealed class ExamGrader(Grader grader)
{
    /// <summary>The version stamped on every result: the grader assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(ExamGrader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ExamGrader).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <param name="answers"><c>{"problem-id": {"part-id": answer}}</c>; problems left out get "No answer was given".</param>
    /// <param name="variants">The student's variant of every problem of the exam, by problem id.</param>
    public ExamResult Grade(ProblemBank bank, ExamDefinition exam, IReadOnlyDictionary<string, Variant> variants, long seed,
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
            ExamResult.Round(problems.Sum(p => p.Score)), exam.TotalPoints, gradedAt ?? DateTimeOffset.UtcNow, Version, problems);
    }

    /// <summary>Grades one problem and scales its scores to <paramref name="examPoints"/>.</summary>
    public GradedProblem GradeProblem(ProblemDefinition problem, Variant variant, double examPoints, JsonObject answers, string field = "answers")
    {
        ProblemResult result;
        try
        {
            result = grader.Grade(problem, variant, answers);
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
            return new GradedPart(r.PartId, part.Prompt, part.Type.ToString().ToLowerInvariant(), ExamResult.Round(r.Score * scale),
                ExamResult.Round(r.Max * scale), r.Feedback, r.Rule, r.FormatError, r.FormatError ? r.Typed : r.Understood, reference, r.Pending, part.Rubric);
        }).ToList();
        return new GradedProblem(problem.Id, problem.Title, ExamResult.Round(parts.Sum(p => p.Score)), examPoints, (JsonObject)variant.Params.DeepClone(), parts);
    }
}
