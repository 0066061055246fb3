using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed partial class CnnLayerTableSolver : ISolver
{
    public string Id => "cnn-layer-table";

    public string Description => "Parameter counts and activation shapes for CONVk-F, POOLq, FLATTEN and FC-K layers.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var input = p.Integers("input", min: 1);
        if (input.Length != 3)
        {
            throw p.Bad("input", $"must be [h, w, c], got {input.Length} entries");
        }

        var layers = p.Texts("layers");
        long[] shape = [input[0], input[1], input[2]];
        var rows = new JsonArray();
        for (var i = 0; i < layers.Length; i++)
        {
            var field = $"{p.Field("layers")}[{i}]";
            try
            {
                (var count, shape) = Apply(layers[i].Trim(), shape, field);
                rows.Add(new JsonObject
                {
                    ["layer"] = layers[i],
                    ["params"] = count,
                    ["activation"] = Answer.Integers(shape),
                });
            }
            catch (OverflowException)
            {
                throw new BadInputException(field, "the sizes overflow a 64-bit count");
            }
        }

        return new JsonObject { ["rows"] = rows };
    }

    private static (long Params, long[] Shape) Apply(string layer, long[] shape, string field)
    {
        if (ConvPattern().Match(layer) is { Success: true } conv)
        {
            var k = Parse(conv.Groups[1].Value, field);
            var filters = Parse(conv.Groups[2].Value, field);
            if (shape.Length != 3)
            {
                throw new BadInputException(field, "a CONV layer needs an [h, w, c] activation, not a flattened one");
            }

            if (k % 2 == 0)
            {
                throw new BadInputException(field, $"CONV{k} has an even kernel, so padding (k - 1)/2 is not whole");
            }

            // Same padding with stride 1 keeps h and w; each filter has k*k*c weights and one bias.
            return (checked((k * k * shape[2] * filters) + filters), [shape[0], shape[1], filters]);
        }

        if (PoolPattern().Match(layer) is { Success: true } pool)
        {
            var q = Parse(pool.Groups[1].Value, field);
            if (shape.Length != 3)
            {
                throw new BadInputException(field, "a POOL layer needs an [h, w, c] activation, not a flattened one");
            }

            if (q > shape[0] || q > shape[1])
            {
                throw new BadInputException(field, $"POOL{q} is larger than the {shape[0]}x{shape[1]} activation");
            }

            return (0, [shape[0] / q, shape[1] / q, shape[2]]);
        }

        if (FlattenPattern().IsMatch(layer))
        {
            return (0, [checked(shape.Aggregate(1L, (a, b) => a * b))]);
        }

        if (FcPattern().Match(layer) is { Success: true } fc)
        {
            var outputs = Parse(fc.Groups[1].Value, field);
            var inputs = checked(shape.Aggregate(1L, (a, b) => a * b));
            return (checked((inputs * outputs) + outputs), [outputs]);
        }

        throw new BadInputException(field, $"'{layer}' is not CONVk-F, POOLq, FLATTEN or FC-K");
    }

    private static long Parse(string digits, string field) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= int.MaxValue
            ? value
            : throw new BadInputException(field, $"'{digits}' must be a whole number from 1 to {int.MaxValue}");

    [GeneratedRegex(@"^CONV([0-9]+)-([0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConvPattern();

    [GeneratedRegex(@"^POOL([0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PoolPattern();

    [GeneratedRegex("^FLATTEN$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlattenPattern();

    [GeneratedRegex(@"^FC-([0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FcPattern();
}
