using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

public sealed class LinearRnnAttentionSolver : ISolver
{
    public string Id => "linear-rnn-attention";

    public string Description => "Hidden states of a linear RNN and argmax cross-attention of the decoder query over them.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var wh = p.Matrix("W_h");
        var n = wh.Length;
        if (wh[0].Length != n)
        {
            throw p.Bad("W_h", $"must be square, got {n}x{wh[0].Length}");
        }

        var wu = Rows(p, "W_u");
        if (wu.Length != n)
        {
            throw p.Bad("W_u", $"has {wu.Length} rows but the state has {n} entries");
        }

        var inputs = Rows(p, "u");
        if (inputs[0].Length != wu[0].Length)
        {
            throw p.Bad("u", $"has inputs of {inputs[0].Length} entries but W_u has {wu[0].Length} columns");
        }

        var h = p.Has("h0") ? p.Vector("h0") : new double[n];
        if (h.Length != n)
        {
            throw p.Bad("h0", $"has {h.Length} entries but the state has {n}");
        }

        var wk = Projection(p, "W_K", n);
        var wv = Projection(p, "W_V", n);
        var wq = Projection(p, "W_Q", n);
        if (wq.Length != wk.Length)
        {
            throw p.Bad("W_Q", $"makes queries of {wq.Length} entries but W_K makes keys of {wk.Length}");
        }

        var hidden = new double[inputs.Length][];
        for (var t = 0; t < inputs.Length; t++)
        {
            h = VectorMath.Plus(VectorMath.Times(wh, h), VectorMath.Times(wu, inputs[t]));
            hidden[t] = h;
        }

        var decoder = VectorMath.Times(wh, h);
        var keys = hidden.Select(s => VectorMath.Times(wk, s)).ToArray();
        var values = hidden.Select(s => VectorMath.Times(wv, s)).ToArray();
        var query = VectorMath.Times(wq, decoder);
        var scores = keys.Select(k => VectorMath.Dot(k, query)).ToArray();
        var best = VectorMath.FirstArgmax(scores);
        return new JsonObject
        {
            ["hidden"] = Answer.Matrix(hidden),
            ["h_out"] = Answer.Vector(decoder),
            ["keys"] = Answer.Matrix(keys),
            ["values"] = Answer.Matrix(values),
            ["query"] = Answer.Vector(query),
            ["scores"] = Answer.Vector(scores),
            ["weights"] = Answer.Vector(scores.Select((_, i) => i == best ? 1.0 : 0.0)),
            ["output"] = Answer.Vector(values[best]),
        };
    }

    /// <summary>A matrix as rows, or a plain vector read as one-entry rows: W_u as a column, u as scalar inputs.</summary>
    private static double[][] Rows(ParamReader p, string name) =>
        FirstIsNumber(p, name)
            ? [.. p.Vector(name).Select(v => new[] { v })]
            : p.Matrix(name);

    private static bool FirstIsNumber(ParamReader p, string name) =>
        p.Required(name) is JsonArray { Count: > 0 } array && array[0]?.GetValueKind() == JsonValueKind.Number;

    private static double[][] Projection(ParamReader p, string name, int stateSize)
    {
        var matrix = p.Matrix(name);
        return matrix[0].Length == stateSize
            ? matrix
            : throw new BadInputException(p.Field(name), $"has {matrix[0].Length} columns but the state has {stateSize} entries");
    }
}
