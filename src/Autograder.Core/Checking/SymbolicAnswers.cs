using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Formulas;

namespace Autograder.Core.Checking;

/// <summary>
/// Formula and big-O answers. The normalized value is the canonical text the parser prints, which is also what
/// the student sees as understood; formulas are compared by evaluation at random points, big-O by normal form.
/// </summary>
internal static class SymbolicAnswers
{
    public static ParsedAnswer ParseFormula(PartDefinition part, JsonNode raw)
    {
        var text = Text(raw);
        return FormulaParser.TryParse(text, Variables(part), out var expr, out var error)
            ? ParsedAnswer.Ok(JsonValue.Create(expr.ToString()), expr.ToString())
            : ParsedAnswer.Error($"Could not read the formula: {error}");
    }

    public static ParsedAnswer ParseComplexity(PartDefinition part, JsonNode raw)
    {
        var text = Text(raw);
        return ComplexityParser.TryParse(text, Variables(part), out var complexity, out var error)
            ? ParsedAnswer.Ok(JsonValue.Create(complexity.ToString()), complexity.ToString())
            : ParsedAnswer.Error($"Could not read the complexity: {error}");
    }

    public static bool FormulasEquivalent(PartDefinition part, JsonNode? student, JsonNode? expected)
    {
        var variables = Variables(part);
        if (!FormulaParser.TryParse(Text(student), variables, out var s, out _) || !FormulaParser.TryParse(Text(expected), variables, out var e, out _))
            return false;
        // A fixed seed per part: the same answer always gets the same verdict.
        var seed = Variants.VariantSeed.For(part.Id, 1, 0, "formula");
        return FormulaEquivalence.AreEquivalent(e, s, part.Options.Variables ?? [], seed).AreEquivalent;
    }

    public static bool ComplexitiesEqual(PartDefinition part, JsonNode? student, JsonNode? expected) =>
        ComplexityParser.TryParse(Text(student), Variables(part), out var s, out _)
        && ComplexityParser.TryParse(Text(expected), Variables(part), out var e, out _)
        && s == e;

    private static HashSet<string> Variables(PartDefinition part) => new(part.Options.Variables ?? [], StringComparer.Ordinal);

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
