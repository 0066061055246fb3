using TorchSharp;
using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>
/// CONV2-3 → ReLU → CONV2-3 → ReLU → global average pooling, with circular padding that keeps the image size
/// (one wrapped row and column before the image), run by libtorch.
/// </summary>
public sealed class CircularCnnCrossChecks : IDisposable
{
    private readonly Tensor _first;
    private readonly Tensor _second;

    public CircularCnnCrossChecks(int seed)
    {
        var generator = new Generator((ulong)seed);
        _first = rand([3, 1, 2, 2], float64, TorchDevice.Default, generator: generator) * 2 - 1;
        _second = rand([3, 3, 2, 2], float64, TorchDevice.Default, generator: generator) * 2 - 1;
    }

    public double[] Features(double[,] image)
    {
        ArgumentNullException.ThrowIfNull(image);

        using var scope = NewDisposeScope();
        var x = TensorArrays.Matrix(image).unsqueeze(0).unsqueeze(0);
        var h = nn.functional.relu(nn.functional.conv2d(Wrap(x), _first));
        h = nn.functional.relu(nn.functional.conv2d(Wrap(h), _second));
        return TensorArrays.ToVector(h.mean([2, 3]).squeeze(0));
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    // Pad (left 1, right 0, top 1, bottom 0), wrapping around: a 2 × 2 kernel then gives an output of the input's size.
    private static Tensor Wrap(Tensor x) => nn.functional.pad(x, [1, 0, 1, 0], PaddingModes.Circular);
}
