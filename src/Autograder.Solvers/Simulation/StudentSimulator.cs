using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Simulation;

/// <summary>
/// How a simulated class answers, as shares of the parts: right, a known mistake, another student's right answer, unreadable;
/// the rest are left blank. <see cref="TypeAsText"/>: half the right answers are typed the way the grader prints them.
/// </summary>
public sealed record AnswerMix(double Right, double Mistaken, double Other, double Unreadable, bool TypeAsText = true)
{
    /// <summary>A student of the given ability (0.45 to 0.95 in the demo): the abler, the more right answers and working code.</summary>
    public static AnswerMix ForAbility(double ability) => new(ability, 0.55 * (1 - ability), 0, 0.25 * (1 - ability));
}

/// <summary>
/// Answers the way a class submits them, for the demo, the load and grading benchmarks and the report tests: right
/// answers, the common mistakes the feedback rules know, a neighbour's answer, unreadable text (format errors) and blanks.
/// </summary>
/// <param name="codeSource">The source a student who gets a code part right submits (the question's reference), by problem id; null: none known.</param>
public sealed class StudentSimulator(ProblemBank bank, Func<string, string?>? codeSource = null)
{
    /// <summary>Code of a student who did not get it: it compiles and returns its input.</summary>
    public const string WrongCode = "public static class Solution\n{\n    public static int[] Run(int[] x) => x;\n}";

    private static readonly string[] Unreadable = ["about 3, I think?", "see scratch paper", "[1, 2,", "λ > ??", "n/a", "roughly 3, maybe?"];

    /// <summary>A whole exam: <paramref name="variants"/> are the student's own, one per problem, each student with an ability drawn from <paramref name="rng"/>.</summary>
    public JsonObject ExamAnswers(IReadOnlyList<Variant> variants, Random rng)
    {
        var mix = AnswerMix.ForAbility(0.45 + 0.5 * rng.NextDouble());
        var answers = new JsonObject();
        foreach (var variant in variants)
            answers[variant.ProblemId] = ProblemAnswers(bank.Problem(variant.ProblemId), variant, null, mix, rng);
        return answers;
    }

    /// <param name="other">Another student's variant, whose right answers some students give (copied or misread); null: none.</param>
    public JsonObject ProblemAnswers(ProblemDefinition problem, Variant own, Variant? other, AnswerMix mix, Random rng)
    {
        var answers = new JsonObject();
        foreach (var part in problem.Parts)
        {
            if (part.Type == AnswerType.Manual)
            {
                answers[part.Id] = "See the working on my answer sheet.";
                continue;
            }
            if (part.Type == AnswerType.Code)
            {
                if (codeSource is null) answers[part.Id] = WrongCode;
                else if (rng.NextDouble() < mix.Right && codeSource(problem.Id) is { } source) answers[part.Id] = source;
                continue;
            }
            var roll = rng.NextDouble();
            JsonNode? answer = roll switch
            {
                _ when roll < mix.Right => Right(part, own, rng, mix.TypeAsText),
                _ when roll < mix.Right + mix.Mistaken => Mistake(part, own, rng) ?? (other is null ? Wrong(part, own) : Right(part, other, rng, mix.TypeAsText)),
                _ when roll < mix.Right + mix.Mistaken + mix.Other => Right(part, other ?? own, rng, mix.TypeAsText),
                _ when roll < mix.Right + mix.Mistaken + mix.Other + mix.Unreadable => JsonValue.Create(Unreadable[rng.Next(Unreadable.Length)]),
                _ => null,
            };
            if (answer is not null) answers[part.Id] = answer;
        }
        return answers;
    }

    private static JsonNode Right(PartDefinition part, Variant variant, Random rng, bool typeAsText)
    {
        var reference = Grader.Reference(part, variant);
        if (reference.Value is null) return JsonValue.Create("empty");
        // Typed the way the grader prints what it understood, where that reads back; otherwise as JSON.
        if (typeAsText && rng.Next(2) == 0 && AnswerChecker.Parse(part, JsonValue.Create(reference.Understood)) is { IsFormatError: false } typed
            && AnswerChecker.Score(part, typed.Value, reference.Value) >= 1)
            return JsonValue.Create(reference.Understood);
        return reference.Value.DeepClone();
    }

    /// <summary>One of the wrong answers the part's feedback rules recognize (computed or literal), if any differs from the right one.</summary>
    private static JsonNode? Mistake(PartDefinition part, Variant variant, Random rng)
    {
        var reference = Grader.Reference(part, variant).Value;
        var mistakes = new List<JsonNode>();
        foreach (var rule in part.Feedback)
        {
            var raw = rule.Matches.Length > 0 ? variant.Resolve(rule.Matches)
                : rule.Value is JsonValue v && !v.ToJsonString().Contains("{{", StringComparison.Ordinal) ? v : null;
            if (raw is not null && AnswerChecker.Parse(part, raw) is { IsFormatError: false } parsed && !JsonNode.DeepEquals(parsed.Value, reference))
                mistakes.Add(raw.DeepClone());
        }
        return mistakes.Count == 0 ? null : mistakes[rng.Next(mistakes.Count)];
    }

    /// <summary>A plainly wrong answer of the right kind: numbers scaled, anything else a zero.</summary>
    private static JsonNode Wrong(PartDefinition part, Variant variant) => Grader.Reference(part, variant).Value switch
    {
        JsonValue v when v.TryGetValue<double>(out var x) => JsonValue.Create(x == 0 ? 1 : x * 1.5 + 1),
        JsonArray a when a.All(n => n is JsonValue nv && nv.TryGetValue<double>(out _)) =>
            new JsonArray([.. a.Select(n => (JsonNode)JsonValue.Create(n!.GetValue<double>() + 1))]),
        _ => JsonValue.Create("0"),
    };
}
