using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Two candidate purifiers on the same data: their losses, and the λ ≥ 0 for which W_a is not better than W_b
/// under L2 = reconstruction + λ·regularization (Spring 2023 Q10a).
/// </summary>
public sealed class PurifierCompareSolver : ISolver
{
    public string Id => "purifier-compare";

    public string Description => "Losses of two purifiers W_a, W_b on X, and the λ range where W_a is not better than W_b.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        p.Matrix("W_a");
        p.Matrix("W_b");
        var losses = new PurifierLossesSolver();
        JsonObject Losses(string w) => losses.Solve(new JsonObject { ["X"] = parameters["X"]?.DeepClone(), ["W"] = parameters[w]!.DeepClone() });
        var a = Losses("W_a");
        var b = Losses("W_b");
        var (recA, regA) = (a["reconstruction"]!.GetValue<double>(), a["regularization"]!.GetValue<double>());
        var (recB, regB) = (b["reconstruction"]!.GetValue<double>(), b["regularization"]!.GetValue<double>());
        // W_a is not better when recA + λ regA ≥ recB + λ regB, i.e. λ (regA − regB) ≥ recB − recA, over λ ≥ 0.
        var slope = regA - regB;
        var gap = recB - recA;
        JsonNode? interval;
        double? threshold = null;
        if (Math.Abs(slope) < 1e-15)
        {
            interval = gap <= 0 ? Interval(0, double.PositiveInfinity, true) : null;
        }
        else if (slope > 0)
        {
            threshold = gap / slope;
            interval = Interval(Math.Max(0, gap / slope), double.PositiveInfinity, true);
        }
        else
        {
            threshold = gap / slope;
            interval = gap / slope >= 0 ? Interval(0, gap / slope, true) : null;
        }
        return new JsonObject
        {
            ["a"] = a,
            ["b"] = b,
            ["threshold"] = threshold is null ? null : Answer.Number(threshold.Value),
            ["interval"] = interval,
        };
    }

    private static JsonObject Interval(double low, double high, bool inclusive) => new()
    {
        ["low"] = Answer.Number(low),
        ["high"] = double.IsPositiveInfinity(high) ? null : Answer.Number(high),
        ["low_inclusive"] = inclusive,
        ["high_inclusive"] = inclusive && !double.IsPositiveInfinity(high),
    };
}
