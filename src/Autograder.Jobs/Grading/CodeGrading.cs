using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Questions;
using Autograder.Solvers;
using Autograder.Solvers.Grading;

namespace Autograder.Jobs.Grading;

/// <summary>
/// The one place where jobs grade code: a long-lived sandbox grader per worker process (its warm pool of isolated
/// children is made on the first code submission) and the question's result as one more problem of the exam result.
/// </summary>
public sealed class CodeGrading(ProblemBank bank) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private CodeGrader? grader;

    public async Task<GradedProblem> GradeAsync(string questionId, string source, long seed, CancellationToken ct)
    {
        var question = CodeQuestionLoader.Load(bank.Root, questionId);
        var result = await (await Grader(ct)).GradeAsync(question, source, seed, ct);
        var part = new GradedPart("code", "The C# submission, run against the question's tests.", "code", result.Score, result.Max,
            Feedback(result), null, result.Verdict == "compile_error", null, null, false, [])
        {
            Tests = Outcomes(result, 1),
        };
        return new GradedProblem(question.Id, question.Title, result.Score, result.Max, [], [part]);
    }

    /// <summary>Whether any answered part of <paramref name="answers"/> is code (such submissions go to the sandbox queue).</summary>
    public static bool HasCode(ProblemBank bank, JsonObject answers) => CodeProblems(bank, answers).Any();

    /// <summary>
    /// The queue of a submission's grade job: <c>gpu</c> when it answers a TorchSharp question (<c>queue: gpu</c>),
    /// <c>sandbox</c> for other code, <c>default</c> otherwise.
    /// </summary>
    public static string QueueFor(ProblemBank bank, JsonObject answers, string? codeProblemId)
    {
        var ids = CodeProblems(bank, answers).ToList();
        if (codeProblemId is not null) ids.Add(codeProblemId);
        if (ids.Count == 0) return Hosting.Queues.Default;
        return ids.Any(id => File.Exists(Path.Combine(bank.Root, "code", id, "question.yaml"))
            && CodeQuestionLoader.Load(bank.Root, id).Queue == Hosting.Queues.Gpu) ? Hosting.Queues.Gpu : Hosting.Queues.Sandbox;
    }

    private static IEnumerable<string> CodeProblems(ProblemBank bank, JsonObject answers) =>
        answers.Where(problem => bank.Problems.TryGetValue(problem.Key, out var definition) && problem.Value is JsonObject parts
            && parts.Any(part => definition.Part(part.Key)?.Type == AnswerType.Code && part.Value is JsonValue)).Select(problem => problem.Key);

    /// <summary>
    /// Runs the code parts that the exam grader left waiting for the sandbox (the question id is the problem id) and
    /// scales each to the part's points by the share of test points passed.
    /// </summary>
    public async Task<ExamResult> CompleteAsync(ExamResult result, JsonObject answers, long seed, CancellationToken ct)
    {
        var problems = new List<GradedProblem>();
        var changed = false;
        foreach (var problem in result.Problems)
        {
            if (!bank.Problems.TryGetValue(problem.ProblemId, out var definition) || definition.Parts.All(p => p.Type != AnswerType.Code))
            {
                problems.Add(problem);
                continue;
            }
            var parts = new List<GradedPart>();
            foreach (var part in problem.Parts)
            {
                if (definition.Part(part.PartId)?.Type != AnswerType.Code || part.Feedback != Core.Grading.Grader.PendingCode
                    || answers[problem.ProblemId] is not JsonObject given || given[part.PartId] is not JsonValue value || !value.TryGetValue<string>(out var source))
                {
                    parts.Add(part);
                    continue;
                }
                var run = await (await Grader(ct)).GradeAsync(CodeQuestionLoader.Load(bank.Root, problem.ProblemId), source, seed, ct);
                var scale = run.Max > 0 ? part.Max / run.Max : 0;
                parts.Add(part with
                {
                    Score = Math.Round(run.Score * scale, 6),
                    Feedback = Feedback(run),
                    FormatError = run.Verdict == "compile_error",
                    Tests = Outcomes(run, scale),
                });
                changed = true;
            }
            problems.Add(problem with { Parts = parts, Score = Math.Round(parts.Sum(p => p.Score), 6) });
        }
        return changed ? result with { Problems = problems, Score = Math.Round(problems.Sum(p => p.Score), 6) } : result;
    }

    private static string Feedback(CodeRunResult run) => run.Message is { } message ? $"{run.Verdict}: {message}" : run.Verdict;

    /// <summary>The sandbox's test results with their points scaled to the part's.</summary>
    private static IReadOnlyList<CodeTestOutcome> Outcomes(CodeRunResult run, double scale) =>
        [.. run.Tests.Select(t => new CodeTestOutcome(t.Name, t.Verdict, t.Message, Math.Round(t.Score * scale, 6), Math.Round(t.Max * scale, 6)))];

    private async Task<CodeGrader> Grader(CancellationToken ct)
    {
        if (grader is not null) return grader;
        await gate.WaitAsync(ct);
        try
        {
            return grader ??= new CodeGrader(solver: (solver, parameters) => SolverRegistry.Get(solver).Solve(parameters));
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (grader is not null) await grader.DisposeAsync();
        gate.Dispose();
    }
}
