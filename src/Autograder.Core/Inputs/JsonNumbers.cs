using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograder.Core.Inputs;

/// <summary>
/// Reads a JSON number whatever backs it: a JsonValue made from a long will not hand out a double through
/// GetValue, and one parsed from text hands out both.
/// </summary>
public static class JsonNumbers
{
    public static double AsDouble(this JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<decimal>(out var m) => (double)m,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number => e.GetDouble(),
        _ => throw new InvalidOperationException($"expected a number, found {node?.ToJsonString() ?? "null"}"),
    };

    public static long AsLong(this JsonNode? node)
    {
        var d = node.AsDouble();
        return Math.Abs(d - Math.Round(d)) < 1e-9 ? (long)Math.Round(d) : throw new InvalidOperationException($"expected a whole number, found {d}");
    }
}
