using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Inputs;
using Autograder.Core.Templates;
using Autograder.Core.Variants;

namespace Autograder.Core.Grading;

/// <summary>
/// Grades a student's answers to one variant, in memory: parse each part (format errors are not zeros), compare
/// with the reference, then try the feedback rules in order, then error carried forward.
/// </summary>
/// <param name="solve">Runs a reference solver by id (used for error carried forward).</param>
public sealed class Grader(Func<string, JsonObject, JsonObject> solve)
{
    public ProblemResult Grade(ProblemDefinition problem, Variant variant, JsonObject answers)
    {
        foreach (var (key, _) in answers)
        {
            if (problem.Part(key) is null)
                throw new BadInputException($"answers.{key}", $"problem '{problem.Id}' has no part '{key}' (parts: {string.Join(", ", problem.Parts.Select(p => p.Id))})");
        }
        var parsed = problem.Parts.ToDictionary(p => p.Id, p => answers.TryGetPropertyValue(p.Id, out var raw) ? AnswerChecker.Parse(p, raw) : null);
        var results = problem.Parts.Select(p => GradePart(p, variant, parsed[p.Id], parsed) switch
        {
            // what could not be read is shown as it was typed, next to the message
            { FormatError: true } unread => unread with { Typed = TypedText(answers[p.Id]) },
            var read => read,
        }).ToList();
        return new ProblemResult(problem.Id, results.Sum(r => r.Score), problem.Points, results);
    }

    /// <summary>The normalized reference answer of a part for a variant; a bank error if it cannot be read.</summary>
    public static ParsedAnswer Reference(PartDefinition part, Variant variant)
    {
        JsonNode? raw = part.Answer is not null ? variant.Resolve(part.Answer) : RenderValue(part.Value, variant);
        if (part.Type == AnswerType.Interval && raw is null)
            return ParsedAnswer.Ok(null, "the empty set");
        var reference = AnswerChecker.Parse(part, raw);
        return reference.IsFormatError
            ? throw new InvalidOperationException($"part '{part.Id}': the reference answer {raw?.ToJsonString() ?? "null"} cannot be read: {reference.FormatError}")
            : reference;
    }

    private PartResult GradePart(PartDefinition part, Variant variant, ParsedAnswer? answer, IReadOnlyDictionary<string, ParsedAnswer?> all)
    {
        if (part.Type == AnswerType.Manual)
            return new PartResult(part.Id, 0, part.Points, "Graded by a TA against the rubric.", null, false, answer?.Understood, PartPending.Manual);
        if (answer is null || answer.IsFormatError && IsBlank(answer))
            return new PartResult(part.Id, 0, part.Points, "No answer was given.", null, false, null, PartPending.None);
        if (answer.IsFormatError)
            return new PartResult(part.Id, 0, part.Points, answer.FormatError!, null, true, null, PartPending.None);

        if (part.Type == AnswerType.Code)
            return new PartResult(part.Id, 0, part.Points, "Waiting for the sandbox to run the code.", null, false, answer.Understood, PartPending.Code);

        if (part.Type == AnswerType.Property)
        {
            var verdict = PropertyCheckers.Check(part.Options.Property!, answer.Value!.AsArray());
            return new PartResult(part.Id, verdict.Credit * part.Points, part.Points, verdict.Feedback, part.Options.Property, false, answer.Understood, PartPending.None);
        }

        var reference = Reference(part, variant);
        var credit = AnswerChecker.Score(part, answer.Value, reference.Value);
        if (credit >= 1 - 1e-12)
            return new PartResult(part.Id, part.Points, part.Points, "Correct.", null, false, answer.Understood, PartPending.None);

        foreach (var rule in part.Feedback)
        {
            var mistake = AnswerChecker.Parse(part, rule.Value is not null ? RenderValue(rule.Value, variant) : variant.Resolve(rule.Matches));
            if (!mistake.IsFormatError && AnswerChecker.Score(part, answer.Value, mistake.Value) >= 1 - 1e-12
                && !JsonNode.DeepEquals(mistake.Value, reference.Value))
                return new PartResult(part.Id, Math.Max(credit, rule.Credit) * part.Points, part.Points, Text(rule.Message, variant), rule.Id, false, answer.Understood, PartPending.None);
        }

        if (part.CarryForward is { } carry && CarriedForward(carry, part, variant, all) is { } own
            && AnswerChecker.Score(part, answer.Value, own) >= 1 - 1e-12)
            return new PartResult(part.Id, Math.Max(credit, carry.Credit) * part.Points, part.Points, carry.Message, "carry-forward", false, answer.Understood, PartPending.None);

        var feedback = credit > 0 ? "Partly correct." : "Incorrect.";
        return new PartResult(part.Id, credit * part.Points, part.Points, feedback, null, false, answer.Understood, PartPending.None);
    }

    /// <summary>The answer this part would have if the student's own earlier answers were right; null when they cannot be used.</summary>
    private JsonNode? CarriedForward(CarryForward carry, PartDefinition part, Variant variant, IReadOnlyDictionary<string, ParsedAnswer?> all)
    {
        var parameters = new JsonObject();
        foreach (var (param, source) in carry.Inputs)
        {
            JsonNode? value;
            if (source.StartsWith("part:", StringComparison.Ordinal))
            {
                if (all[source[5..]] is not { IsFormatError: false } earlier) return null;
                value = earlier.Value?.DeepClone();
            }
            else
            {
                value = variant.Resolve(source)?.DeepClone();
            }
            parameters[param] = value;
        }
        try
        {
            var own = JsonPath.Resolve(solve(carry.Solver, parameters), carry.Answer);
            var parsed = AnswerChecker.Parse(part, own);
            return parsed.IsFormatError ? null : parsed.Value;
        }
        catch (BadInputException)
        {
            return null;
        }
    }

    private static string? TypedText(JsonNode? raw) =>
        raw is JsonValue v && v.TryGetValue<string>(out var s) ? s : raw?.ToJsonString();

    private static bool IsBlank(ParsedAnswer answer) => answer.FormatError == AnswerChecker.NoAnswer;

    private static string Text(string text, Variant variant) =>
        text.Contains("{{", StringComparison.Ordinal) ? StatementTemplate.Render(text, variant.Params, variant.Answers) : text;

    private static JsonNode? RenderValue(JsonNode? value, Variant variant) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && s.Contains("{{", StringComparison.Ordinal) =>
            JsonValue.Create(StatementTemplate.Render(s, variant.Params, variant.Answers).Trim()),
        _ => value?.DeepClone(),
    };
}

public sealed record PartResult(
    string PartId,
    double Score,
    double Max,
    string Feedback,
    string? Rule,
    bool FormatError,
    string? Understood,
    PartPending Pending)
{
    public bool PendingManual => Pending == PartPending.Manual;

    /// <summary>The answer as the student typed it, when it could not be read (a format error); else null.</summary>
    public string? Typed { get; init; }
}

public sealed record ProblemResult(string ProblemId, double Score, double Max, IReadOnlyList<PartResult> Parts)
{
    public JsonObject ToJson() => new()
    {
        ["problem"] = ProblemId,
        ["score"] = Score,
        ["max"] = Max,
        ["parts"] = new JsonArray(Parts.Select(p => (JsonNode)new JsonObject
        {
            ["part"] = p.PartId,
            ["score"] = p.Score,
            ["max"] = p.Max,
            ["feedback"] = p.Feedback,
            ["rule"] = p.Rule,
            ["format_error"] = p.FormatError,
            ["understood"] = p.Understood,
            ["typed"] = p.Typed,
            ["pending_manual"] = p.PendingManual,
            ["pending"] = p.Pending == PartPending.None ? null : p.Pending.ToString().ToLowerInvariant(),
        }).ToArray()),
    };
}
