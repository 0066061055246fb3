using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Benchmarks;

/// <summary>
/// Answers the way a class submits them: most parts right (half typed as text, half as JSON), some common
/// mistakes from the feedback rules (or another student's right answer), some unreadable, some left blank.
/// </summary>
internal static class StudentAnswers
{
    public const double Right = 0.75;
    public const double Mistaken = 0.12;
    public const double Unreadable = 0.08;

    public static JsonObject For(ProblemDefinition problem, Variant variant, Variant neighbour, Random rng)
    {
        var answers = new JsonObject();
        foreach (var part in problem.Parts)
        {
            if (part.Type == AnswerType.Manual)
            {
                answers[part.Id] = "See the working on my answer sheet.";
                continue;
            }
            var roll = rng.NextDouble();
            if (roll < Right) answers[part.Id] = RightAnswer(part, variant, rng);
            else if (roll < Right + Mistaken) answers[part.Id] = Mistake(part, variant, rng) ?? RightAnswer(part, neighbour, rng);
            else if (roll < Right + Mistaken + Unreadable) answers[part.Id] = "about 3, I think?";
            // The rest leave the part blank.
        }
        return answers;
    }

    private static JsonNode RightAnswer(PartDefinition part, Variant variant, Random rng)
    {
        var reference = Grader.Reference(part, variant);
        if (reference.Value is null) return JsonValue.Create("empty");
        // What the grader says it understood is how a student would type it; fall back to JSON where it does not read back.
        if (rng.Next(2) == 0 && AnswerChecker.Parse(part, JsonValue.Create(reference.Understood)) is { IsFormatError: false } typed
            && AnswerChecker.Score(part, typed.Value, reference.Value) >= 1)
            return JsonValue.Create(reference.Understood);
        return reference.Value.DeepClone();
    }

    /// <summary>One of the wrong answers the part's feedback rules recognize, if any differs from the right one.</summary>
    private static JsonNode? Mistake(PartDefinition part, Variant variant, Random rng)
    {
        var reference = Grader.Reference(part, variant).Value;
        var mistakes = part.Feedback
            .Select(rule => variant.Resolve(rule.Matches))
            .Where(raw => AnswerChecker.Parse(part, raw) is { IsFormatError: false } m && !JsonNode.DeepEquals(m.Value, reference))
            .ToList();
        return mistakes.Count == 0 ? null : mistakes[rng.Next(mistakes.Count)]!.DeepClone();
    }
}
