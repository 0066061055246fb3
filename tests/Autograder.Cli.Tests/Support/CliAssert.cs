using System.Text.Json.Nodes;

namespace Autograder.Cli.Tests;

internal static class CliAssert
{
    /// <summary>The exit-code-2 policy: nothing on stdout, exactly one line on stderr that names the field, no stack trace.</summary>
    public static void BadInput(CliResult result, string field)
    {
        Assert.True(result.ExitCode == 2, $"expected exit 2\n{result}");
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        var line = Assert.Single(result.StderrLines);
        Assert.Contains(field, line, StringComparison.Ordinal);
        NoStackTrace(result);
    }

    public static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }

    public static void Success(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"expected exit 0\n{result}");
        Assert.True(result.Stderr.Length == 0, $"expected nothing on stderr\n{result}");
    }

    public static void Near(double expected, JsonNode? actual, double tolerance = 1e-9) =>
        Assert.True(actual is not null && Math.Abs(actual.GetValue<double>() - expected) <= tolerance, $"expected {expected}, got {actual?.ToJsonString() ?? "nothing"}");

    /// <summary>Compares a JSON value with a compact JSON literal, numbers within a tolerance.</summary>
    public static void JsonNear(string expected, JsonNode? actual, double tolerance = 1e-9)
    {
        Assert.True(JsonEqual(JsonNode.Parse(expected), actual, tolerance), $"expected {expected}\n     got {actual?.ToJsonString() ?? "nothing"}");
    }

    private static bool JsonEqual(JsonNode? a, JsonNode? b, double tolerance) => (a, b) switch
    {
        (null, null) => true,
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => JsonEqual(p.First, p.Second, tolerance)),
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var v) && JsonEqual(p.Value, v, tolerance)),
        (JsonValue x, JsonValue y) when x.TryGetValue<double>(out var dx) && y.TryGetValue<double>(out var dy) => Math.Abs(dx - dy) <= tolerance,
        (JsonValue x, JsonValue y) => JsonNode.DeepEquals(x, y),
        _ => false,
    };
}
