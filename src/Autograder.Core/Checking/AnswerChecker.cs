using Autograder.Core.Inputs;
using System.Globalization;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;

namespace Autograder.Core.Checking;

/// <summary>
/// Reads and compares answers by type. <see cref="Parse"/> turns what a student typed into a normalized plain
/// JSON value (or a format error); <see cref="Score"/> compares two normalized values and gives the fraction of
/// credit. References go through <see cref="Parse"/> too, so both sides are normalized the same way.
/// </summary>
public static class AnswerChecker
{
    public const string NoAnswer = "No answer was given.";

    public static ParsedAnswer Parse(PartDefinition part, JsonNode? raw)
    {
        if (raw is null || raw is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s))
            return ParsedAnswer.Error(NoAnswer);
        return part.Type switch
        {
            AnswerType.Number => ParseNumber(raw),
            AnswerType.Integer => ParseInteger(raw),
            AnswerType.Vector => ParseVector(raw, part.Options.Length),
            AnswerType.Matrix => ParseMatrix(raw),
            AnswerType.Property => PropertyCheckers.Parse(part.Options.Property!, ParseMatrix(raw)),
            AnswerType.Shape => ParseShape(raw),
            AnswerType.Interval => IntervalAnswer.Parse(raw),
            AnswerType.Choice => ParseChoice(part, raw),
            AnswerType.Multi => ParseMulti(part, raw),
            AnswerType.Tokens => ParseTokens(raw),
            AnswerType.Formula => SymbolicAnswers.ParseFormula(part, raw),
            AnswerType.Complexity => SymbolicAnswers.ParseComplexity(part, raw),
            AnswerType.Code => raw is JsonValue c && c.TryGetValue<string>(out var source)
                ? ParsedAnswer.Ok(JsonValue.Create(source), $"C# source, {source.Split('\n').Length} lines")
                : ParsedAnswer.Error("Expected the C# source code as text."),
            AnswerType.Manual => ParsedAnswer.Ok(raw.DeepClone(), raw is JsonValue t && t.TryGetValue<string>(out var text) ? text : raw.ToJsonString()),
            _ => throw new InvalidOperationException($"answer type {part.Type} has no reader"),
        };
    }

    /// <summary>The fraction of credit (0 to 1) for a normalized student value against a normalized reference.</summary>
    public static double Score(PartDefinition part, JsonNode? student, JsonNode? expected) => part.Type switch
    {
        AnswerType.Number => NumberClose(part.Options, Num(student), Num(expected)) ? 1 : 0,
        AnswerType.Integer or AnswerType.Shape or AnswerType.Tokens or AnswerType.Choice =>
            JsonNode.DeepEquals(student, expected) ? 1 : 0,
        AnswerType.Vector => SameGrid(part.Options, [student!.AsArray()], [expected!.AsArray()]) ? 1 : 0,
        AnswerType.Matrix => SameGrid(part.Options, student!.AsArray().Select(r => r!.AsArray()), expected!.AsArray().Select(r => r!.AsArray())) ? 1 : 0,
        AnswerType.Interval => IntervalAnswer.Same(part.Options, student, expected) ? 1 : 0,
        AnswerType.Multi => MultiScore(student!.AsArray(), expected!.AsArray(), part.Options.Choices!.Count),
        AnswerType.Formula => SymbolicAnswers.FormulasEquivalent(part, student, expected) ? 1 : 0,
        AnswerType.Complexity => SymbolicAnswers.ComplexitiesEqual(part, student, expected) ? 1 : 0,
        // Many answers are right: the checker tests the student's value itself; the reference is only an example.
        AnswerType.Property => PropertyCheckers.Check(part.Options.Property!, student!.AsArray()).Credit,
        _ => 0,
    };

    public static bool NumberClose(CheckOptions options, double student, double expected)
    {
        if (options.SignificantFigures is int figures && expected != 0)
        {
            var magnitude = Math.Floor(Math.Log10(Math.Abs(expected)));
            return Math.Abs(student - expected) <= 0.5 * Math.Pow(10, magnitude - figures + 1) * (1 + 1e-9);
        }
        return Math.Abs(student - expected) <= Math.Max(options.AbsoluteTolerance, options.RelativeTolerance * Math.Abs(expected));
    }

    private static double Num(JsonNode? node) => node!.AsDouble();

    private static bool SameGrid(CheckOptions options, IEnumerable<JsonArray> student, IEnumerable<JsonArray> expected)
    {
        var s = student.ToList();
        var e = expected.ToList();
        if (s.Count != e.Count) return false;
        for (var i = 0; i < s.Count; i++)
        {
            if (s[i].Count != e[i].Count) return false;
            for (var j = 0; j < s[i].Count; j++)
            {
                if (!NumberClose(options, Num(s[i][j]), Num(e[i][j]))) return false;
            }
        }
        return true;
    }

    /// <summary>Each right selection earns its share, each wrong one takes a share away, never below zero.</summary>
    private static double MultiScore(JsonArray student, JsonArray expected, int choices)
    {
        var chosen = student.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var right = expected.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        if (right.Count == 0) return chosen.Count == 0 ? 1 : 0;
        var wrongCount = Math.Max(1, choices - right.Count);
        var score = chosen.Count(right.Contains) / (double)right.Count - chosen.Count(c => !right.Contains(c)) / (double)wrongCount;
        return Math.Clamp(score, 0, 1);
    }

    private static ParsedAnswer ParseNumber(JsonNode raw) =>
        TextReaders.TryNumber(raw, out var value, out var error)
            ? ParsedAnswer.Ok(JsonValue.Create(value), TextReaders.Format(value))
            : ParsedAnswer.Error($"Expected a number such as 0.25, -3 or 1/4; {error}.");

    private static ParsedAnswer ParseInteger(JsonNode raw)
    {
        if (!TextReaders.TryNumber(raw, out var value, out var error))
            return ParsedAnswer.Error($"Expected a whole number such as 42 or 3*3*10 + 10; {error}.");
        return Math.Abs(value - Math.Round(value)) > 1e-9
            ? ParsedAnswer.Error($"Expected a whole number, but {TextReaders.Format(value)} is not one.")
            : ParsedAnswer.Ok(JsonValue.Create((long)Math.Round(value)), ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture));
    }

    private static ParsedAnswer ParseVector(JsonNode raw, int? length)
    {
        if (!TextReaders.TryList(raw, out var items) || items.Count == 0)
            return ParsedAnswer.Error("Expected a list of numbers such as [1, -2, 0.5].");
        var values = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            if (!TextReaders.TryNumber(JsonValue.Create(items[i]), out var x, out _))
                return ParsedAnswer.Error($"Entry {i + 1} of the list, '{items[i]}', is not a number.");
            values.Add(x);
        }
        if (length is int n && n != values.Count)
            return ParsedAnswer.Error($"Expected {n} entries but the list has {values.Count}.");
        return ParsedAnswer.Ok(values, $"[{string.Join(", ", values.Select(x => TextReaders.Format(x!.AsDouble())))}]");
    }

    private static ParsedAnswer ParseMatrix(JsonNode raw)
    {
        if (!TextReaders.TryGrid(raw, out var rows))
            return ParsedAnswer.Error("Expected a matrix as rows, such as [[1, 2], [3, 4]] or 1 2; 3 4.");
        var matrix = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != rows[0].Count)
                return ParsedAnswer.Error($"Row {i + 1} has {rows[i].Count} entries but row 1 has {rows[0].Count}.");
            var row = new JsonArray();
            for (var j = 0; j < rows[i].Count; j++)
            {
                if (!TextReaders.TryNumber(JsonValue.Create(rows[i][j]), out var x, out _))
                    return ParsedAnswer.Error($"Entry ({i + 1}, {j + 1}) of the matrix, '{rows[i][j]}', is not a number.");
                row.Add(x);
            }
            matrix.Add(row);
        }
        var understood = string.Join("; ", matrix.Select(r => string.Join(" ", r!.AsArray().Select(x => TextReaders.Format(x!.AsDouble())))));
        return ParsedAnswer.Ok(matrix, $"[{understood}]");
    }

    private static ParsedAnswer ParseShape(JsonNode raw)
    {
        if (!TextReaders.TryList(raw, out var items, allowTimes: true) || items.Count == 0)
            return ParsedAnswer.Error("Expected a shape such as [10, 64, 32, 32] or 28 x 28 x 10.");
        var dims = new JsonArray();
        foreach (var item in items)
        {
            if (!long.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) || d < 0)
                return ParsedAnswer.Error($"Each size in a shape is a whole number; '{item}' is not.");
            dims.Add(d);
        }
        return ParsedAnswer.Ok(dims, $"[{string.Join(", ", dims.Select(d => d!.ToJsonString()))}]");
    }

    private static ParsedAnswer ParseChoice(PartDefinition part, JsonNode raw)
    {
        var text = raw is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : raw.ToJsonString();
        return FindChoice(part, text) is { } choice
            ? ParsedAnswer.Ok(JsonValue.Create(choice.Id), $"{choice.Id}: {choice.Text}")
            : ParsedAnswer.Error($"'{text}' is not one of the choices {string.Join(", ", part.Options.Choices!.Select(c => c.Id))}.");
    }

    private static ParsedAnswer ParseMulti(PartDefinition part, JsonNode raw)
    {
        if (!TextReaders.TryList(raw, out var items))
            return ParsedAnswer.Error($"Expected the selected choices, such as \"{part.Options.Choices![0].Id}, {part.Options.Choices[1].Id}\".");
        var chosen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (FindChoice(part, item) is not { } choice)
                return ParsedAnswer.Error($"'{item}' is not one of the choices {string.Join(", ", part.Options.Choices!.Select(c => c.Id))}.");
            chosen.Add(choice.Id);
        }
        var array = new JsonArray(chosen.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        return ParsedAnswer.Ok(array, chosen.Count == 0 ? "(none selected)" : string.Join(", ", chosen));
    }

    private static ChoiceOption? FindChoice(PartDefinition part, string text) =>
        part.Options.Choices!.FirstOrDefault(c => string.Equals(c.Id, text.Trim().TrimEnd(')', '.'), StringComparison.OrdinalIgnoreCase))
        ?? part.Options.Choices!.FirstOrDefault(c => string.Equals(c.Text, text.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ParsedAnswer ParseTokens(JsonNode raw)
    {
        List<string> tokens;
        if (raw is JsonObject) return ParsedAnswer.Error("Expected a sequence of tokens such as \"the cat sat\".");
        if (raw is JsonArray)
        {
            if (!TextReaders.TryList(raw, out tokens)) return ParsedAnswer.Error("Expected a sequence of tokens such as \"the cat sat\".");
        }
        else
        {
            var text = raw is JsonValue v && v.TryGetValue<string>(out var s) ? s : raw.ToJsonString();
            tokens = text.Trim().Trim('"', '“', '”', '[', ']').Split([' ', ',', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        tokens = tokens.Select(t => t.Trim().Trim('"', '\'')).Where(t => t.Length > 0).ToList();
        if (tokens.Count == 0) return ParsedAnswer.Error("Expected a sequence of tokens such as \"the cat sat\".");
        // Tokens are compared as words: case does not matter, the <EOS> marker keeps its spelling.
        var normalized = new JsonArray(tokens.Select(t => (JsonNode?)JsonValue.Create(t.StartsWith('<') ? t.ToUpperInvariant() : t.ToLowerInvariant())).ToArray());
        return ParsedAnswer.Ok(normalized, string.Join(" ", normalized.Select(t => t!.GetValue<string>())));
    }
}
