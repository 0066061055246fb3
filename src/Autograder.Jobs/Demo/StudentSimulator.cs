using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Jobs.Demo;

/// <summary>
/// Answers the way a class submits them, each student with an ability of their own: most parts right (typed as text
/// or JSON), the common mistakes the feedback rules know, unreadable answers (format errors) and blanks.
/// </summary>
public static class StudentSimulator
{
    public static JsonObject ExamAnswers(ProblemBank bank, IReadOnlyList<Variant> variants, Random rng)
    {
        var ability = 0.45 + 0.5 * rng.NextDouble();
        var answers = new JsonObject();
        foreach (var variant in variants)
        {
            var problem = bank.Problem(variant.ProblemId);
            var parts = new JsonObject();
            foreach (var part in problem.Parts)
            {
                if (part.Type == AnswerType.Code)
                {
                    // Code: the reference solution from the abler students, nothing from the others.
                    if (rng.NextDouble() < ability && ReferenceSource(bank, problem.Id) is { } source) parts[part.Id] = source;
                    continue;
                }
                if (part.Type == AnswerType.Manual)
                {
                    parts[part.Id] = "See the working on my answer sheet.";
                    continue;
                }
                var roll = rng.NextDouble();
                if (roll < ability) parts[part.Id] = Right(part, variant, rng);
                else if (roll < ability + 0.55 * (1 - ability)) parts[part.Id] = Mistake(part, variant, rng) ?? Wrong(part, variant);
                else if (roll < ability + 0.8 * (1 - ability)) parts[part.Id] = Unreadable[rng.Next(Unreadable.Length)];
                // The rest leave the part blank.
            }
            answers[problem.Id] = parts;
        }
        return answers;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> References = new(StringComparer.Ordinal);

    private static string? ReferenceSource(ProblemBank bank, string questionId) =>
        References.GetOrAdd(Path.Combine(bank.Root, questionId), _ =>
            Sandbox.Questions.CodeQuestionLoader.Load(bank.Root, questionId).ReferenceFile is { } file ? File.ReadAllText(file) : null);

    private static readonly string[] Unreadable = ["about 3, I think?", "see scratch paper", "[1, 2,", "λ > ??", "n/a"];

    private static JsonNode Right(PartDefinition part, Variant variant, Random rng)
    {
        var reference = Grader.Reference(part, variant);
        if (reference.Value is null) return JsonValue.Create("empty");
        // Typed the way the grader prints what it understood, where that reads back; otherwise as JSON.
        if (rng.Next(2) == 0 && AnswerChecker.Parse(part, JsonValue.Create(reference.Understood)) is { IsFormatError: false } typed
            && AnswerChecker.Score(part, typed.Value, reference.Value) >= 1)
            return JsonValue.Create(reference.Understood);
        return reference.Value.DeepClone();
    }

    private static JsonNode? Mistake(PartDefinition part, Variant variant, Random rng)
    {
        var reference = Grader.Reference(part, variant).Value;
        var mistakes = part.Feedback
            .Where(rule => rule.Matches.Contains('.', StringComparison.Ordinal))
            .Select(rule => variant.Resolve(rule.Matches))
            .Where(raw => raw is not null && AnswerChecker.Parse(part, raw) is { IsFormatError: false } m && !JsonNode.DeepEquals(m.Value, reference))
            .ToList();
        return mistakes.Count == 0 ? null : mistakes[rng.Next(mistakes.Count)]!.DeepClone();
    }

    /// <summary>A plainly wrong answer of the right kind: numbers scaled, anything else left as the reference of no one.</summary>
    private static JsonNode Wrong(PartDefinition part, Variant variant)
    {
        var reference = Grader.Reference(part, variant).Value;
        return reference switch
        {
            JsonValue v when v.TryGetValue<double>(out var x) => JsonValue.Create(x == 0 ? 1 : x * 1.5 + 1),
            JsonArray a when a.All(n => n is JsonValue nv && nv.TryGetValue<double>(out _)) =>
                new JsonArray([.. a.Select(n => (JsonNode)JsonValue.Create(n!.GetValue<double>() + 1))]),
            _ => JsonValue.Create("0"),
        };
    }
}
