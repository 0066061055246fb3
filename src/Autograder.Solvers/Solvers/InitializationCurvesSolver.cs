using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Tells zero, Xavier and He initialization apart from final validation accuracies of a ReLU and a sigmoid
/// network. Zero initialization never breaks the symmetry between units, so it stays at chance in both; He
/// (variance 2/fan-in) suits ReLU, which zeroes half its inputs; Xavier (variance 1/fan-in) suits sigmoid.
/// </summary>
public sealed class InitializationCurvesSolver : ISolver
{
    public string Id => "initialization-curves";

    public string Description => "Which curve is zero, Xavier and He initialization, from the accuracies of a ReLU and a sigmoid network.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var chance = p.NumberIn("chance", 0, 100);
        var curves = p.Objects("curves", minLength: 3);
        if (curves.Count != 3) throw p.Bad("curves", "lists exactly three curves, one per initialization");
        var rows = curves.Select((c, i) => (Label: c.Text("label"), Relu: c.NumberIn("relu", 0, 100), Sigmoid: c.NumberIn("sigmoid", 0, 100), Index: i)).ToList();
        if (rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() != 3) throw p.Bad("curves", "the three curves need different labels");

        // Zero: the curve closest to chance in both networks; it must be the only one there.
        var zero = rows.OrderBy(r => Math.Abs(r.Relu - chance) + Math.Abs(r.Sigmoid - chance)).ToList();
        if (Math.Abs(zero[1].Relu - chance) + Math.Abs(zero[1].Sigmoid - chance) <= Math.Abs(zero[0].Relu - chance) + Math.Abs(zero[0].Sigmoid - chance))
            throw p.Bad("curves", "two curves are equally close to chance, so zero initialization cannot be told apart");
        var learning = zero.Skip(1).ToList();
        var he = learning.MaxBy(r => r.Relu);
        var xavier = learning.MaxBy(r => r.Sigmoid);
        if (he.Index == xavier.Index || learning[0].Relu == learning[1].Relu || learning[0].Sigmoid == learning[1].Sigmoid)
            throw p.Bad("curves", "the learning curves must each be best in a different network (He with ReLU, Xavier with sigmoid)");
        return new JsonObject
        {
            [zero[0].Label] = "zero",
            [he.Label] = "he",
            [xavier.Label] = "xavier",
        };
    }
}
