using Autograder.Core.Formulas;

namespace Autograder.Core.Checking;

/// <summary>Plain arithmetic on numbers, such as <c>3*3*1*10 + 10</c>, read with the formula parser and no variables.</summary>
internal static class Arithmetic
{
    private static readonly IReadOnlySet<string> NoVariables = new HashSet<string>();
    private static readonly Dictionary<string, double> NoValues = [];

    public static bool TryEvaluate(string text, out double value, out string error)
    {
        value = 0;
        if (!FormulaParser.TryParse(text, NoVariables, out var expr, out var parseError))
        {
            error = parseError.Contains("unknown variable", StringComparison.Ordinal)
                ? $"could not read '{text}' as a number"
                : $"could not read '{text}': {parseError}";
            return false;
        }
        value = expr.Evaluate(NoValues);
        error = double.IsFinite(value) ? "" : $"'{text}' has no finite value";
        return double.IsFinite(value);
    }
}
