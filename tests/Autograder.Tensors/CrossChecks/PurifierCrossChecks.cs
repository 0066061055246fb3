using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>The ridge purifier's losses, through torch's summed squared-error loss.</summary>
public static class PurifierCrossChecks
{
    /// <summary>reconstruction = ‖X − WX‖_F², regularization = ‖W‖_F².</summary>
    public static (double Reconstruction, double Regularization) Losses(double[,] x, double[,] w)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);

        using var scope = NewDisposeScope();
        var xs = TensorArrays.Matrix(x);
        var ws = TensorArrays.Matrix(w);
        var reconstruction = nn.functional.mse_loss(ws.matmul(xs), xs, nn.Reduction.Sum);
        var regularization = nn.functional.mse_loss(ws, zeros_like(ws), nn.Reduction.Sum);
        return (TensorArrays.ToScalar(reconstruction), TensorArrays.ToScalar(regularization));
    }
}
