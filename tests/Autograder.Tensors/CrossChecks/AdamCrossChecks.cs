using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

public sealed record AdamStepResult(double[] M, double[] V, double[] Theta);

/// <summary>
/// One Adam step without bias correction, written with the same in-place ops as torch's own Adam.
/// torch.optim.Adam itself cannot serve: it always applies bias correction and starts from zero moments.
/// </summary>
public static class AdamCrossChecks
{
    public static AdamStepResult Step(
        double beta1, double beta2, double eta, double eps, double[] g, double[] mPrev, double[] vPrev, double[] thetaPrev)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(mPrev);
        ArgumentNullException.ThrowIfNull(vPrev);
        ArgumentNullException.ThrowIfNull(thetaPrev);

        using var scope = NewDisposeScope();
        var grad = TensorArrays.Vector(g);
        var m = TensorArrays.Vector(mPrev).mul_(beta1).add_(grad, alpha: 1 - beta1);
        var v = TensorArrays.Vector(vPrev).mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
        var theta = TensorArrays.Vector(thetaPrev).addcdiv_(m, v.sqrt().add_(eps), value: -eta);
        return new AdamStepResult(TensorArrays.ToVector(m), TensorArrays.ToVector(v), TensorArrays.ToVector(theta));
    }
}
