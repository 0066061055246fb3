using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Sandbox.Questions;

namespace Autograder.Sandbox.Grading;

/// <summary>Compares a submission's output with the expected one, in the grader; returns the first difference, or null when they agree.</summary>
public static class OutputComparer
{
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, Comparison comparison) => Compare(expected, actual, comparison, "");

    private static string? Compare(JsonNode? expected, JsonNode? actual, Comparison c, string at)
    {
        var where = at.Length == 0 ? "" : $"at {at}: ";
        switch (expected)
        {
            case null:
                return actual is null ? null : $"{where}expected null, got {Show(actual)}";
            case JsonArray e:
                if (actual is not JsonArray a) return $"{where}expected a list of {e.Count} values, got {Show(actual)}";
                if (a.Count != e.Count) return $"{where}expected {e.Count} values, got {a.Count}";
                for (var i = 0; i < e.Count; i++)
                    if (Compare(e[i], a[i], c, $"{at}[{i}]") is { } diff) return diff;
                return null;
            case JsonObject e:
                if (actual is not JsonObject ao) return $"{where}expected an object, got {Show(actual)}";
                foreach (var (key, value) in e)
                {
                    var match = ao.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase));
                    if (match.Key is null) return $"{where}the field '{key}' is missing";
                    if (Compare(value, match.Value, c, at.Length == 0 ? key : $"{at}.{key}") is { } diff) return diff;
                }
                return null;
            case JsonValue e when e.GetValueKind() == JsonValueKind.Number:
                if (actual is not JsonValue av || !IsNumber(av, out var got)) return $"{where}expected {Show(e)}, got {Show(actual)}";
                var want = e.AsDouble();
                var ok = c.Kind == ComparisonKind.Exact
                    ? want == got
                    : (double.IsNaN(want) && double.IsNaN(got)) || Math.Abs(want - got) <= c.AbsoluteTolerance + c.RelativeTolerance * Math.Abs(want);
                return ok ? null : $"{where}expected {Show(e)}, got {Show(actual)}";
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{where}expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static bool IsNumber(JsonValue value, out double number)
    {
        number = 0;
        if (value.GetValueKind() == JsonValueKind.Number) { number = value.AsDouble(); return true; }
        // NaN and infinities come back as strings from the runner's serializer
        return value.TryGetValue<string>(out var s) && s is "NaN" or "Infinity" or "-Infinity"
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
