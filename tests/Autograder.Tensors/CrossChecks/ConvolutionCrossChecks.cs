using TorchSharp;
using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Convolution answers computed by libtorch's own conv2d.</summary>
public static class ConvolutionCrossChecks
{
    /// <summary>
    /// The [n, filters, ho, wo] shape that conv2d really produces for an input of shape
    /// [n, c, h, w]; each pair is (height, width).
    /// </summary>
    public static int[] OutputShape(
        int[] input, int filters, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length != 4)
            throw new ArgumentException("input must be [n, c, h, w]", nameof(input));

        using var scope = NewDisposeScope();
        var x = zeros([input[0], input[1], input[2], input[3]], float64, TorchDevice.Default);
        var weight = zeros([filters, input[1], kernel.H, kernel.W], float64, TorchDevice.Default);
        var y = nn.functional.conv2d(x, weight, strides: [stride.H, stride.W], padding: [padding.H, padding.W], dilation: [dilation.H, dilation.W]);
        return [.. y.shape.Select(d => checked((int)d))];
    }

    /// <summary>2-D cross-correlation (deep-learning "convolution") with zero padding.</summary>
    public static double[,] DilatedCrossCorrelation(double[,] input, double[,] kernel, int dilation = 1, int stride = 1, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);

        using var scope = NewDisposeScope();
        var x = TensorArrays.Matrix(input).unsqueeze(0).unsqueeze(0);
        var k = TensorArrays.Matrix(kernel).unsqueeze(0).unsqueeze(0);
        var y = nn.functional.conv2d(x, k, strides: [stride, stride], padding: [padding, padding], dilation: [dilation, dilation]);
        return TensorArrays.ToMatrix(y.squeeze(0).squeeze(0));
    }
}
