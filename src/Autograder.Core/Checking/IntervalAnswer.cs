using Autograder.Core.Inputs;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Autograder.Core.Bank;

namespace Autograder.Core.Checking;

/// <summary>
/// Intervals, normalized to the solvers' form <c>{"low", "high", "low_inclusive", "high_inclusive"}</c>, or
/// JSON null for the empty set. Reads <c>[1, 4)</c>, <c>1 &lt;= λ &lt; 4</c>, <c>λ ≥ 2</c>, <c>empty</c>.
/// </summary>
internal static partial class IntervalAnswer
{
    private const string Number = @"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|infinity|∞)";

    public static ParsedAnswer Parse(JsonNode raw)
    {
        if (raw is JsonObject o) return FromObject(o);
        var text = raw is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : raw.ToJsonString();
        var lower = text.ToLowerInvariant();
        if (lower is "empty" or "none" or "null" or "∅" or "{}" or "empty set" or "no such lambda" or "no such λ")
            return ParsedAnswer.Ok(null, "the empty set");
        if (lower.StartsWith('{')) 
        {
            try { if (JsonNode.Parse(text) is JsonObject obj) return FromObject(obj); }
            catch (System.Text.Json.JsonException) { }
        }
        lower = lower.Replace("≤", "<=").Replace("≥", ">=").Replace(" ", "");
        if (Bracketed().Match(lower) is { Success: true } b)
            return Make(b.Groups["lo"].Value, b.Groups["hi"].Value, b.Groups["l"].Value == "[", b.Groups["r"].Value == "]");
        if (Chain().Match(lower) is { Success: true } c)
            return Make(c.Groups["lo"].Value, c.Groups["hi"].Value, c.Groups["lop"].Value == "<=", c.Groups["hop"].Value == "<=");
        if (OneSided().Match(lower) is { Success: true } one)
        {
            var op = one.Groups["op"].Value;
            return op.StartsWith('>')
                ? Make(one.Groups["x"].Value, "inf", op == ">=", false)
                : Make("-inf", one.Groups["x"].Value, false, op == "<=");
        }
        return ParsedAnswer.Error("Expected an interval such as [1, 4], (0.5, 2], 1 <= λ < 4, or \"empty\".");
    }

    public static bool Same(CheckOptions options, JsonNode? student, JsonNode? expected)
    {
        if (student is null || expected is null) return student is null && expected is null;
        static double End(JsonNode n, string key) => n[key]?.AsDouble() ?? (key == "low" ? double.NegativeInfinity : double.PositiveInfinity);
        bool Close(double a, double b) => double.IsInfinity(a) || double.IsInfinity(b) ? a == b : AnswerChecker.NumberClose(options, a, b);
        return Close(End(student, "low"), End(expected, "low"))
            && Close(End(student, "high"), End(expected, "high"))
            && student["low_inclusive"]!.GetValue<bool>() == expected["low_inclusive"]!.GetValue<bool>()
            && student["high_inclusive"]!.GetValue<bool>() == expected["high_inclusive"]!.GetValue<bool>();
    }

    private static ParsedAnswer FromObject(JsonObject o)
    {
        try
        {
            return Make(o["low"]?.ToString() ?? "-inf", o["high"]?.ToString() ?? "inf", o["low_inclusive"]!.GetValue<bool>(), o["high_inclusive"]!.GetValue<bool>());
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            return ParsedAnswer.Error("An interval object needs low, high, low_inclusive and high_inclusive.");
        }
    }

    private static ParsedAnswer Make(string lowText, string highText, bool lowInclusive, bool highInclusive)
    {
        if (!TryEnd(lowText, out var low) || !TryEnd(highText, out var high))
            return ParsedAnswer.Error($"Could not read the ends of the interval '{lowText}', '{highText}' as numbers.");
        // An infinite end is never included.
        lowInclusive &= !double.IsInfinity(low);
        highInclusive &= !double.IsInfinity(high);
        // JSON has no infinity: an unbounded end is null, as in the solvers' answers.
        var value = new JsonObject
        {
            ["low"] = double.IsInfinity(low) ? null : low,
            ["high"] = double.IsInfinity(high) ? null : high,
            ["low_inclusive"] = lowInclusive,
            ["high_inclusive"] = highInclusive,
        };
        return ParsedAnswer.Ok(value, Describe(value));
    }

    public static string Describe(JsonObject interval)
    {
        var low = interval["low"]?.AsDouble() ?? double.NegativeInfinity;
        var high = interval["high"]?.AsDouble() ?? double.PositiveInfinity;
        return $"{(interval["low_inclusive"]!.GetValue<bool>() ? "[" : "(")}{End(low)}, {End(high)}{(interval["high_inclusive"]!.GetValue<bool>() ? "]" : ")")}";
        static string End(double x) => double.IsPositiveInfinity(x) ? "∞" : double.IsNegativeInfinity(x) ? "-∞" : TextReaders.Format(x);
    }

    private static bool TryEnd(string text, out double value)
    {
        var t = text.Trim().ToLowerInvariant().Replace("infinity", "inf").Replace("∞", "inf");
        if (t is "inf" or "+inf") { value = double.PositiveInfinity; return true; }
        if (t is "-inf") { value = double.NegativeInfinity; return true; }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)
            || TextReaders.TryNumber(JsonValue.Create(text), out value, out _);
    }

    [GeneratedRegex(@"^(?<l>[\[(])(?<lo>" + Number + @"),(?<hi>" + Number + @")(?<r>[\])])$")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^(?<lo>" + Number + @")(?<lop><=|<)(?:λ|lambda|l|x)(?<hop><=|<)(?<hi>" + Number + @")$")]
    private static partial Regex Chain();

    [GeneratedRegex(@"^(?:λ|lambda|l|x)(?<op>>=|<=|>|<)(?<x>" + Number + @")$")]
    private static partial Regex OneSided();
}
