using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Sandbox.Questions;

namespace Autograder.Sandbox.Grading;

/// <summary>
/// Completes the code parts of a graded exam (<see cref="PartPending.Code"/>) by running them in the sandbox; the part's
/// score is its points times the share of test points passed. One path for code that came with an exam or alone.
/// </summary>
/// <param name="sandbox">Made on the first code part: a worker that never meets code needs no sandbox (nor every layer).</param>
public sealed class CodeParts(ProblemBank bank, Func<CodeGrader> sandbox)
{
    private readonly Lazy<CodeGrader> grader = new(sandbox, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The isolation layers the sandbox lacks (allowed only for development); none before any code ran.</summary>
    public IReadOnlyList<string> IsolationWarnings => grader.IsValueCreated ? grader.Value.Warnings : [];

    /// <param name="attempt">The submission's attempt: random tests are drawn per student and attempt, so one leak is no key for another.</param>
    public async Task<ExamResult> CompleteAsync(ExamResult result, JsonObject answers, int attempt, CancellationToken ct)
    {
        var seed = new CodeSeed(result.Seed, result.StudentId, attempt);
        if (!result.Problems.Any(p => p.Parts.Any(x => x.Pending == PartPending.Code))) return result;
        var problems = new List<GradedProblem>();
        foreach (var problem in result.Problems)
        {
            var parts = new List<GradedPart>();
            foreach (var part in problem.Parts)
            {
                parts.Add(part.Pending == PartPending.Code && answers[problem.ProblemId]?[part.PartId] is JsonValue value && value.TryGetValue<string>(out var source)
                    ? Scored(part, await grader.Value.GradeAsync(CodeQuestionLoader.Load(bank.Root, problem.ProblemId), source, seed, ct))
                    : part);
            }
            problems.Add(problem with { Parts = parts });
        }
        return (result with { Problems = problems }).WithTotals();
    }

    /// <summary>A code question outside the exam, answered on its own: one more problem whose code part waits for the sandbox.</summary>
    public GradedProblem Standalone(string problemId)
    {
        var problem = bank.Problem(problemId);
        var parts = problem.Parts.Where(p => p.Type == AnswerType.Code)
            .Select(p => new GradedPart(p.Id, p.Prompt, "code", 0, p.Points, "Waiting for the sandbox to run the code.", null, false, null, null, PartPending.Code, []))
            .ToList();
        return parts.Count == 0
            ? throw new Core.Inputs.BadInputException("problem", $"problem '{problemId}' has no code part")
            : new GradedProblem(problem.Id, problem.Title, 0, parts.Sum(p => p.Max), [], parts);
    }

    private static GradedPart Scored(GradedPart part, CodeRunResult run)
    {
        var scale = run.Max > 0 ? part.Max / run.Max : 0;
        return part with
        {
            Score = ExamResult.Round(run.Score * scale),
            Feedback = (run.Message is { } message ? $"{run.Verdict}: {message}" : run.Verdict) + (run.Isolation is { } missing ? $" ({missing})" : ""),
            FormatError = run.Verdict == Verdicts.CompileError,
            Pending = PartPending.None,
            Tests = [.. run.Tests.Select(t => new CodeTestOutcome(t.Name, t.Verdict, t.Message, ExamResult.Round(t.Score * scale), ExamResult.Round(t.Max * scale)))],
        };
    }
}
