using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>
/// A horizontal-line image and a vertical-line image with known pooled features, and one circular shift of each, in a
/// random order, each shifted so it differs from the image it came from (Fall 2022 midterm Q7b).
/// </summary>
public sealed class CircularShiftGenerator : IGenerator
{
    public string Id => "circular-shift";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var rows = rng.NextInt(options.Int("min_size", 5), options.Int("max_size", 8));
        var columns = rng.NextInt(options.Int("min_size", 5), options.Int("max_size", 8));
        var row = rng.NextInt(0, rows - 1);
        var column = rng.NextInt(0, columns - 1);
        var horizontal = Image(rows, columns, (r, _) => r == row);
        var vertical = Image(rows, columns, (_, c) => c == column);
        var shiftedRow = (row + rng.NextInt(1, rows - 1)) % rows;
        var shiftedColumn = (column + rng.NextInt(1, columns - 1)) % columns;
        var queries = new List<JsonArray>
        {
            Image(rows, columns, (_, c) => c == shiftedColumn),
            Image(rows, columns, (r, _) => r == shiftedRow),
        };
        if (rng.NextInt(0, 1) == 1) queries.Reverse();
        var strength = rng.Pick([0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
        var other = rng.Pick([0.0, 0.1, 0.2]);
        return new JsonObject
        {
            ["images"] = new JsonArray(horizontal, vertical),
            ["features"] = new JsonArray(J.Vector([strength, other, 0]), J.Vector([other, strength, 0])),
            ["queries"] = new JsonArray([.. queries]),
        };
    }

    private static JsonArray Image(int rows, int columns, Func<int, int, bool> on) =>
        [.. Enumerable.Range(0, rows).Select(r => (JsonNode)J.Vector(Enumerable.Range(0, columns).Select(c => on(r, c) ? 1.0 : 0.0)))];
}
