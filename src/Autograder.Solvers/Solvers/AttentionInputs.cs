using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>Keys, values and query of one attention call, with their shapes checked against each other.</summary>
internal sealed record AttentionInputs(double[][] Keys, double[][] Values, double[] Query)
{
    public static AttentionInputs Read(ParamReader p)
    {
        var keys = p.Matrix("keys");
        var values = p.Matrix("values");
        var query = p.Vector("query");
        if (values.Length != keys.Length)
        {
            throw p.Bad("values", $"has {values.Length} rows but keys has {keys.Length}");
        }

        if (query.Length != keys[0].Length)
        {
            throw p.Bad("query", $"has {query.Length} entries but each key has {keys[0].Length}");
        }

        return new AttentionInputs(keys, values, query);
    }

    public double[] Scores(double scale = 1) => [.. Keys.Select(key => scale * VectorMath.Dot(Query, key))];
}
