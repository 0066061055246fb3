using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Reports.Tests.Support;

/// <summary>
/// Answers like a class gives them, for real grading: mostly the reference, some wrong answers that the part's
/// feedback rules know, some from another student's variant, some unreadable, some blank.
/// </summary>
internal static class ClassAnswers
{
    public static JsonObject For(ProblemDefinition problem, Variant own, Variant other, Random rng)
    {
        var answers = new JsonObject();
        foreach (var part in problem.Parts)
        {
            if (part.Type == AnswerType.Manual)
            {
                answers[part.Id] = "Written on the answer sheet.";
                continue;
            }
            if (part.Type == AnswerType.Code)
            {
                // Code runs in the sandbox, outside these tests; the grader records it as waiting.
                answers[part.Id] = "public static class Solution\n{\n    public static int[] Run(int[] x) => x;\n}";
                continue;
            }
            var roll = rng.NextDouble();
            JsonNode? answer = roll switch
            {
                < 0.70 => Reference(part, own),
                < 0.82 => KnownMistake(part, own, rng) ?? Reference(part, other),
                < 0.90 => Reference(part, other),
                < 0.95 => JsonValue.Create("roughly 3, maybe?"),
                _ => null,
            };
            if (answer is not null) answers[part.Id] = answer;
        }
        return answers;
    }

    private static JsonNode? Reference(PartDefinition part, Variant variant) =>
        Grader.Reference(part, variant).Value?.DeepClone() ?? JsonValue.Create("empty");

    private static JsonNode? KnownMistake(PartDefinition part, Variant variant, Random rng)
    {
        var reference = Grader.Reference(part, variant).Value;
        var candidates = new List<JsonNode>();
        foreach (var rule in part.Feedback)
        {
            var raw = rule.Matches.Length > 0 ? variant.Resolve(rule.Matches) : rule.Value is JsonValue v && !v.ToJsonString().Contains("{{", StringComparison.Ordinal) ? v : null;
            if (raw is not null && AnswerChecker.Parse(part, raw) is { IsFormatError: false } parsed && !JsonNode.DeepEquals(parsed.Value, reference))
                candidates.Add(raw.DeepClone());
        }
        return candidates.Count == 0 ? null : candidates[rng.Next(candidates.Count)];
    }
}
