using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Recurrent-network derivatives by autograd through the unrolled sequence.</summary>
public static class RnnCrossChecks
{
    /// <summary>The scalar RNN h_t = w(u_t + h_{t−1}), h_0 = 0, y = h_T, and dy/dw.</summary>
    public static (double Y, double DyDw) ScalarBackprop(double w, double[] u)
    {
        ArgumentNullException.ThrowIfNull(u);

        using var scope = NewDisposeScope();
        var weight = TensorArrays.Scalar(w, requiresGrad: true);
        var h = TensorArrays.Scalar(0);
        foreach (var ut in u)
            h = weight * (ut + h);
        if (!h.requires_grad)
            return (TensorArrays.ToScalar(h), 0); // an empty sequence: y = h_0 does not depend on w
        h.backward();
        return (TensorArrays.ToScalar(h), TensorArrays.ToScalar(TensorArrays.Gradient(weight)));
    }
}
