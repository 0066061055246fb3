using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>The scalar RNN with its weight untied into one leaf per step, so autograd gives each edge's term.</summary>
public static class UnrolledRnnCrossChecks
{
    /// <summary>∂y/∂w_t for h_t = w_t(u_t + h_{t−1}) with every w_t = w, and ∂y/∂(u_1 + h_0).</summary>
    public static (double[] Edges, double DyDFirstSum) EdgeGradients(double w, double[] u)
    {
        ArgumentNullException.ThrowIfNull(u);

        using var scope = NewDisposeScope();
        var weights = u.Select(_ => TensorArrays.Scalar(w, requiresGrad: true)).ToArray();
        var first = TensorArrays.Scalar(u[0], requiresGrad: true);
        var h = weights[0] * first;
        for (var t = 1; t < u.Length; t++)
            h = weights[t] * (u[t] + h);
        h.backward();
        return ([.. weights.Select(x => TensorArrays.ToScalar(TensorArrays.Gradient(x)))], TensorArrays.ToScalar(TensorArrays.Gradient(first)));
    }
}
