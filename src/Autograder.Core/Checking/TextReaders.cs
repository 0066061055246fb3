using System.Globalization;
using System.Text.Json.Nodes;

namespace Autograder.Core.Checking;

/// <summary>Lenient readers for the ways students write numbers, lists and grids.</summary>
internal static class TextReaders
{
    private static readonly char[] ListSeparators = [',', ';', ' ', '\t', '\n', '\r'];

    /// <summary>A number, or plain arithmetic on numbers such as <c>3*3*1*10 + 10</c> or <c>1/4</c>.</summary>
    public static bool TryNumber(JsonNode? node, out double value, out string error)
    {
        error = "";
        if (node is JsonValue v && v.TryGetValue<double>(out value)) return true;
        if (node is JsonValue iv && iv.TryGetValue<long>(out var l)) { value = l; return true; }
        var text = node is JsonValue sv && sv.TryGetValue<string>(out var s) ? s.Trim() : node?.ToJsonString() ?? "";
        value = 0;
        if (text.Length == 0) { error = "the answer is empty"; return false; }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        return Arithmetic.TryEvaluate(text, out value, out error);
    }

    /// <summary>A flat list: a JSON array, or text such as <c>[1, 2, 3]</c>, <c>(1 2 3)</c>, <c>10x64x32x32</c>.</summary>
    public static bool TryList(JsonNode? node, out List<string> items, bool allowTimes = false)
    {
        items = [];
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonArray or JsonObject or null) return false;
                items.Add(item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item.ToJsonString());
            }
            return true;
        }
        if (node is not JsonValue value) return false;
        var text = value.TryGetValue<string>(out var str) ? str.Trim() : value.ToJsonString();
        text = StripBrackets(text);
        if (allowTimes) text = text.Replace('×', ',').Replace('x', ',').Replace('X', ',').Replace('*', ',');
        items = text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries).ToList();
        return true;
    }

    /// <summary>A grid: a JSON array of rows, or text with rows separated by <c>;</c> or new lines, or <c>[[1,2],[3,4]]</c>.</summary>
    public static bool TryGrid(JsonNode? node, out List<List<string>> rows)
    {
        rows = [];
        if (node is JsonArray array)
        {
            foreach (var row in array)
            {
                if (!TryList(row is JsonArray ? row : null, out var cells)) return false;
                rows.Add(cells);
            }
            return array.Count > 0;
        }
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text)) return false;
        text = text.Trim();
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            try
            {
                return TryGrid(JsonNode.Parse(text), out rows);
            }
            catch (System.Text.Json.JsonException)
            {
                // Rows with arithmetic, such as [[1/9, 1/9], [1/9, 1/9]], are not JSON: split them by their brackets.
                if (!text.EndsWith("]]", StringComparison.Ordinal)) return false;
                foreach (var row in System.Text.RegularExpressions.Regex.Split(text[1..^1], @"\]\s*[,;]?\s*\["))
                {
                    var cells = row.Trim().TrimStart('[').TrimEnd(']').Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
                    if (cells.Count == 0 || cells.Any(c => c.Contains('[', StringComparison.Ordinal) || c.Contains(']', StringComparison.Ordinal))) return false;
                    rows.Add(cells);
                }
                return rows.Count > 0;
            }
        }
        foreach (var line in StripBrackets(text).Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            rows.Add(StripBrackets(line).Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList());
        }
        return rows.Count > 0;
    }

    private static string StripBrackets(string text)
    {
        text = text.Trim();
        while (text.Length >= 2 && "[(".Contains(text[0]) && "])".Contains(text[^1])) text = text[1..^1].Trim();
        return text;
    }

    public static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
