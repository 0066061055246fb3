using Autograder.Core.Inputs;
using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>
/// Makes the params of one variant from a seeded generator and the problem's options. Params are rounded
/// before they are solved, and a generator retries until its constraints keep the question meaningful.
/// </summary>
public interface IGenerator
{
    string Id { get; }

    JsonObject Generate(SplitMix64 rng, GeneratorOptions options);
}

/// <summary>The generator options from problem.yaml, read with defaults.</summary>
public sealed class GeneratorOptions(JsonObject options)
{
    public int Int(string name, int fallback) =>
        options[name] is JsonValue v && v.TryGetValue<long>(out var l) ? (int)l : fallback;

    public double Number(string name, double fallback) =>
        options[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d
        : options[name] is JsonValue iv && iv.TryGetValue<long>(out var l) ? l : fallback;

    public bool Flag(string name, bool fallback) =>
        options[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    public IReadOnlyList<string> Texts(string name, IReadOnlyList<string> fallback) =>
        options[name] is JsonArray a ? a.Select(n => n!.ToString()).ToList() : fallback;

    /// <summary>All the options, copied, for generators that pass them on as params.</summary>
    public JsonObject Copy() => (JsonObject)options.DeepClone();

}

/// <summary>Retries a draw until it meets the constraints; a generator that cannot is a bank error.</summary>
internal static class Retry
{
    public static JsonObject Until(string generator, Func<JsonObject?> attempt)
    {
        for (var i = 0; i < 10_000; i++)
        {
            if (attempt() is { } result) return result;
        }
        throw new InvalidOperationException($"generator '{generator}' found no params meeting its constraints in 10000 draws; loosen its options");
    }
}
