using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class ConvOutputShapeSolver : ISolver
{
    public string Id => "conv-output-shape";

    public string Description => "Output shape [n, f, ho, wo] of a 2-D convolution layer.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var input = p.Integers("input", min: 1);
        if (input.Length != 4)
        {
            throw p.Bad("input", $"must be [n, c, h, w], got {input.Length} entries");
        }

        var filters = p.Integer("filters", min: 1);
        var kernel = p.IntegerOrPair("kernel", min: 1);
        var stride = p.OptionalIntegerOrPair("stride", 1, min: 1);
        var padding = p.OptionalIntegerOrPair("padding", 0, min: 0);
        var dilation = p.OptionalIntegerOrPair("dilation", 1, min: 1);

        var height = Side(p, input[2], kernel.First, stride.First, padding.First, dilation.First, "height");
        var width = Side(p, input[3], kernel.Second, stride.Second, padding.Second, dilation.Second, "width");
        return new JsonObject
        {
            ["output"] = Answer.Integers([input[0], filters, height, width]),
        };
    }

    /// <summary>floor((size + 2p − d(k − 1) − 1) / s) + 1, rejecting a kernel that does not fit.</summary>
    internal static long Side(ParamReader p, long size, long kernel, long stride, long padding, long dilation, string side)
    {
        var span = dilation * (kernel - 1) + 1;
        var room = size + 2 * padding - span;
        if (room < 0)
        {
            throw p.Bad("kernel", $"spans {span} pixels with dilation, more than the padded input {side} {size + 2 * padding}");
        }

        return room / stride + 1;
    }
}
