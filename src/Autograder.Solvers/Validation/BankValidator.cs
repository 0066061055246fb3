using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Templates;
using Autograder.Core.Variants;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Validation;

/// <summary>
/// Checks the whole bank the way grading will use it: every problem's variants generate, solve, render and
/// give their own reference full credit, and every sample gets its expected score. Stops at the first problem.
/// </summary>
public static class BankValidator
{
    /// <returns>null when the bank is consistent, else a message naming the problem, the variant and the part.</returns>
    public static string? Validate(ProblemBank bank, int variantsPerProblem, Action<string>? progress = null)
    {
        foreach (var problem in bank.Problems.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            progress?.Invoke(problem.Id);
            if (!SolverRegistry.TryGet(problem.Solver, out _))
                return $"{problem.Directory}/problem.yaml: solver: unknown solver id '{problem.Solver}'";
            try
            {
                Generators.GeneratorRegistry.Get(problem.Generator.Id);
            }
            catch (Core.Inputs.BadInputException e)
            {
                return $"{problem.Directory}/problem.yaml: generator.id: {e.Reason}";
            }
            if (problem.Canonical is not null && Check(problem, () => VariantFactory.Canonical(problem), "canonical params") is { } canonicalError)
                return canonicalError;
            for (var seed = 1; seed <= variantsPerProblem; seed++)
            {
                var s = seed;
                if (Check(problem, () => VariantFactory.Create(problem, s, "validate"), $"seed {s}") is { } error) return error;
            }
            foreach (var sample in problem.Samples)
            {
                if (CheckSample(problem, sample) is { } error) return error;
            }
        }
        return null;
    }

    /// <summary>The variant a sample is graded against: canonical when it names no seed.</summary>
    public static Variant SampleVariant(ProblemDefinition problem, SampleSubmission sample) =>
        sample.Seed is long seed ? VariantFactory.Create(problem, seed, sample.StudentId) : VariantFactory.Canonical(problem);

    private static string? CheckSample(ProblemDefinition problem, SampleSubmission sample)
    {
        try
        {
            var result = ReferenceGrading.Grader.Grade(problem, SampleVariant(problem, sample), sample.Answers);
            return Math.Abs(result.Score - sample.ExpectedScore) > 1e-6
                ? $"{sample.File}: expected_score: the sample is expected to score {sample.ExpectedScore} but scores {result.Score} ({string.Join("; ", result.Parts.Select(p => $"{p.PartId} {p.Score}/{p.Max} {p.Feedback}"))})"
                : null;
        }
        catch (Exception e) when (e is Core.Inputs.BadInputException or InvalidOperationException)
        {
            return $"{sample.File}: {e.Message}";
        }
    }

    private static string? Check(ProblemDefinition problem, Func<Variant> make, string which)
    {
        var where = $"{problem.Directory}/problem.yaml ({which})";
        Variant variant;
        try
        {
            variant = make();
            StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);
        }
        catch (Exception e) when (e is Core.Inputs.BadInputException or InvalidOperationException)
        {
            return $"{where}: {e.Message}";
        }
        var own = new JsonObject();
        foreach (var part in problem.Parts.Where(p => p.Type is not (AnswerType.Manual or AnswerType.Code)))
        {
            try
            {
                own[part.Id] = Grader.Reference(part, variant).Value?.DeepClone() ?? JsonValue.Create("empty");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                return $"{where}: parts.{part.Id}: {e.Message}";
            }
            if (part.Feedback.FirstOrDefault(r => r.Value is null && variant.Resolve(r.Matches) is null && !r.Matches.StartsWith("mistakes.", StringComparison.Ordinal)) is { } missing)
                return $"{where}: parts.{part.Id}.feedback.{missing.Id}: path '{missing.Matches}' resolves to nothing";
        }
        var result = ReferenceGrading.Grader.Grade(problem, variant, own);
        var lost = result.Parts.FirstOrDefault(p => !p.PendingManual && problem.Part(p.PartId)!.Type != AnswerType.Code && Math.Abs(p.Score - p.Max) > 1e-9);
        return lost is null ? null : $"{where}: parts.{lost.PartId}: the reference answer itself scores {lost.Score}/{lost.Max} ({lost.Feedback})";
    }
}
