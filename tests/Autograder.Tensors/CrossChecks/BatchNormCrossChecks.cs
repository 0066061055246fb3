using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Batch-norm gradients by autograd.</summary>
public static class BatchNormCrossChecks
{
    /// <summary>
    /// ∂L/∂x for the simplified batch norm y_i = γ(x_i − mean(x)) + β with L = Σ dL_dy_i · y_i.
    /// </summary>
    public static double[] SimplifiedGradient(double[] x, double[] dLdy, double gamma, double beta)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(dLdy);
        if (x.Length != dLdy.Length)
            throw new ArgumentException("x and dL_dy must have the same length", nameof(dLdy));

        using var scope = NewDisposeScope();
        var xs = TensorArrays.Vector(x, requiresGrad: true);
        var y = gamma * (xs - xs.mean()) + beta;
        var loss = (TensorArrays.Vector(dLdy) * y).sum();
        loss.backward();
        return TensorArrays.ToVector(TensorArrays.Gradient(xs));
    }
}
