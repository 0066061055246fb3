using System.Text.Json.Nodes;
using Autograder.Core.Bank;

namespace Autograder.Core.Checking;

/// <summary>Formula and big-O answers, read by the parsers in <c>Formulas/</c>.</summary>
internal static class SymbolicAnswers
{
    public static ParsedAnswer ParseFormula(PartDefinition part, JsonNode raw) => ParsedAnswer.Error("formula answers are not available yet");

    public static ParsedAnswer ParseComplexity(PartDefinition part, JsonNode raw) => ParsedAnswer.Error("complexity answers are not available yet");

    public static bool FormulasEquivalent(PartDefinition part, JsonNode? student, JsonNode? expected) => false;

    public static bool ComplexitiesEqual(PartDefinition part, JsonNode? student, JsonNode? expected) => false;
}
