using Autograder.Core.Inputs;
using System.Text.Json.Nodes;
using Autograder.Solvers.Generators;

namespace Autograder.Solvers.Variants;

/// <summary>
/// The common wrong answers of each solver's family, computed from the same params, so feedback rules can
/// recognize them (<c>mistakes.no_floor.output</c>). Each entry mirrors the shape of the right answer.
/// </summary>
public static class MistakeCatalog
{
    public static JsonObject For(string solverId, JsonObject parameters, JsonObject answers) => solverId switch
    {
        "conv-output-shape" => ConvShape(parameters),
        "bn-simplified-gradient" => BatchNorm(parameters),
        "purifier-lambda-range" => Purifier(answers),
        "cnn-layer-table" => CnnTable(answers),
        "argmax-attention" => new JsonObject { ["key_not_value"] = new JsonObject { ["output"] = ChosenKey(parameters["keys"]!.AsArray(), answers["weights"]!.AsArray()) } },
        "linear-rnn-attention" => new JsonObject { ["key_not_value"] = new JsonObject { ["output"] = ChosenKey(answers["keys"]!.AsArray(), OneHot(answers["scores"]!.AsArray())) } },
        "normalization-diagrams" => new JsonObject { ["swapped"] = new JsonObject { ["batch"] = answers["layer"]?.DeepClone(), ["layer"] = answers["batch"]?.DeepClone() } },
        "rnn-backprop-edges" => new JsonObject { ["right_edge_only"] = new JsonObject { ["dy_dw"] = answers["sums"]!.AsArray()[^1]?.DeepClone() } },
        "dropout-tikhonov" => new JsonObject { ["divided_by_p"] = new JsonObject { ["w"] = J.Vector(J.Doubles(parameters["w_dropout"] ?? new JsonArray()).Select(w => w / parameters["p"]!.AsDouble())) } },
        "initialization-curves" => new JsonObject { ["he_xavier_swapped"] = SwapHeXavier(answers) },
        _ => [],
    };

    /// <summary>The runs named with He and Xavier exchanged.</summary>
    private static JsonObject SwapHeXavier(JsonObject answers) => new(answers.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(
        kv.Value!.GetValue<string>() switch { "he" => "xavier", "xavier" => "he", var other => other }))));

    /// <summary>The output size computed as ceil instead of floor, and with the padding counted once instead of twice.</summary>
    private static JsonObject ConvShape(JsonObject p)
    {
        var input = J.Doubles(p["input"]);
        var filters = p["filters"]!.AsDouble();
        var (kh, kw) = Pair(p["kernel"], 1);
        var (sh, sw) = Pair(p["stride"], 1);
        var (ph, pw) = Pair(p["padding"], 0);
        var (dh, dw) = Pair(p["dilation"], 1);
        JsonObject Shape(Func<double, double, double, double, double, double> size) => new()
        {
            ["output"] = J.Vector([input[0], filters, size(input[2], kh, sh, ph, dh), size(input[3], kw, sw, pw, dw)]),
        };
        return new JsonObject
        {
            ["no_floor"] = Shape((n, k, s, pad, d) => Math.Ceiling((n + 2 * pad - d * (k - 1) - 1) / s) + 1),
            ["padding_once"] = Shape((n, k, s, pad, d) => Math.Floor((n + pad - d * (k - 1) - 1) / s) + 1),
        };
    }

    /// <summary>The gradient without the term that comes through the batch mean: γ ∂L/∂y_i.</summary>
    private static JsonObject BatchNorm(JsonObject p)
    {
        var gamma = p["gamma"]!.AsDouble();
        return new JsonObject { ["no_mean_term"] = new JsonObject { ["dL_dx"] = J.Vector(J.Doubles(p["dL_dy"]).Select(g => gamma * g)) } };
    }

    /// <summary>Parameter counts without the biases: one per filter or output neuron, the last size of the activation.</summary>
    private static JsonObject CnnTable(JsonObject answers)
    {
        var rows = new JsonArray();
        foreach (var row in answers["rows"]!.AsArray())
        {
            var layer = row!["layer"]!.GetValue<string>();
            var parameters = row["params"]!.AsLong();
            var biases = layer.StartsWith("CONV", StringComparison.Ordinal) || layer.StartsWith("FC", StringComparison.Ordinal)
                ? row["activation"]!.AsArray()[^1]!.AsLong()
                : 0;
            rows.Add(new JsonObject { ["layer"] = layer, ["params"] = parameters - biases });
        }
        return new JsonObject { ["no_bias"] = new JsonObject { ["rows"] = rows } };
    }

    private static JsonObject Purifier(JsonObject answers)
    {
        if (answers["interval"] is not JsonObject interval) return [];
        return new JsonObject
        {
            ["open"] = new JsonObject
            {
                ["interval"] = new JsonObject
                {
                    ["low"] = interval["low"]?.DeepClone(),
                    ["high"] = interval["high"]?.DeepClone(),
                    ["low_inclusive"] = false,
                    ["high_inclusive"] = false,
                },
            },
            ["swapped"] = new JsonObject
            {
                ["interval"] = new JsonObject
                {
                    ["low"] = interval["high"]?.DeepClone(),
                    ["high"] = interval["low"]?.DeepClone(),
                    ["low_inclusive"] = interval["high_inclusive"]!.DeepClone(),
                    ["high_inclusive"] = interval["low_inclusive"]!.DeepClone(),
                },
            },
        };
    }

    private static JsonNode? ChosenKey(JsonArray keys, JsonArray weights)
    {
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i]!.AsDouble() > 0.5) return keys[i]!.DeepClone();
        }
        return null;
    }

    private static JsonArray OneHot(JsonArray scores)
    {
        var values = J.Doubles(scores);
        var best = Array.IndexOf(values, values.Max());
        return J.Vector(values.Select((_, i) => i == best ? 1.0 : 0.0));
    }

    private static (double, double) Pair(JsonNode? node, double fallback) => node switch
    {
        null => (fallback, fallback),
        JsonArray a => (a[0]!.AsDouble(), a[1]!.AsDouble()),
        _ => (node.AsDouble(), node.AsDouble()),
    };
}
