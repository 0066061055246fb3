using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

public sealed record AttentionResult(double[] Scores, double[] Weights, double[] Output);

/// <summary>Attention computed with torch matmul and softmax.</summary>
public static class AttentionCrossChecks
{
    /// <summary>
    /// scores = scale · K q, weights = softmax(scores), output = weightsᵀ V;
    /// keys and values hold one row per position; scale defaults to 1/√d.
    /// </summary>
    public static AttentionResult Softmax(double[,] keys, double[,] values, double[] query, double? scale = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(query);

        using var scope = NewDisposeScope();
        var k = TensorArrays.Matrix(keys);
        var v = TensorArrays.Matrix(values);
        var q = TensorArrays.Vector(query);
        var scores = k.matmul(q) * (scale ?? 1.0 / Math.Sqrt(query.Length));
        var weights = nn.functional.softmax(scores, 0);
        var output = weights.matmul(v);
        return new AttentionResult(TensorArrays.ToVector(scores), TensorArrays.ToVector(weights), TensorArrays.ToVector(output));
    }
}
