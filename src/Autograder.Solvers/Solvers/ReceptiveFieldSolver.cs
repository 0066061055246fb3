using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class ReceptiveFieldSolver : ISolver
{
    public string Id => "receptive-field";

    public string Description => "Side of the receptive field of one output pixel after a stack of (dilated, strided) conv layers.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var layers = p.Objects("layers", minLength: 0);

        // Each layer widens the field by (k − 1)·d steps of the input spacing so far (the product of earlier strides).
        long size = 1, jump = 1;
        foreach (var layer in layers)
        {
            var kernel = layer.Integer("kernel", min: 1);
            var stride = layer.OptionalInteger("stride", 1, min: 1);
            var dilation = layer.OptionalInteger("dilation", 1, min: 1);
            try
            {
                size = checked(size + ((kernel - 1L) * dilation * jump));
                jump = checked(jump * stride);
            }
            catch (OverflowException)
            {
                throw layer.Bad("kernel", "the receptive field overflows a 64-bit size");
            }
        }

        return new JsonObject { ["size"] = size };
    }
}
