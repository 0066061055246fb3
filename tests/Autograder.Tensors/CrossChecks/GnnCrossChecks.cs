using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Graph-network losses through torch's binary cross-entropy.</summary>
public static class GnnCrossChecks
{
    /// <summary>Mean binary cross-entropy (natural log) over the nodes whose mask is true.</summary>
    public static double MaskedBinaryCrossEntropy(int[] labels, double[] predictions, bool[] trainMask)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(trainMask);
        if (labels.Length != predictions.Length || labels.Length != trainMask.Length)
            throw new ArgumentException("labels, predictions and train_mask must have the same length", nameof(trainMask));

        using var scope = NewDisposeScope();
        var mask = tensor(trainMask, @bool, TorchDevice.Default);
        var p = TensorArrays.Vector(predictions).masked_select(mask);
        var y = TensorArrays.Vector([.. labels.Select(l => (double)l)]).masked_select(mask);
        return TensorArrays.ToScalar(nn.functional.binary_cross_entropy(p, y));
    }
}
