using TorchSharp;
using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Moves plain arrays onto <see cref="TorchDevice.Default"/> as float64 tensors and back.</summary>
internal static class TensorArrays
{
    public static Tensor Vector(double[] values, bool requiresGrad = false) =>
        tensor(values, float64, TorchDevice.Default, requiresGrad);

    public static Tensor Matrix(double[,] values, bool requiresGrad = false) =>
        tensor(values, float64, TorchDevice.Default, requiresGrad);

    public static Tensor Scalar(double value, bool requiresGrad = false) =>
        tensor(value, float64, TorchDevice.Default, requiresGrad);

    public static double ToScalar(Tensor t) => t.cpu().item<double>();

    public static double[] ToVector(Tensor t) => t.cpu().contiguous().data<double>().ToArray();

    public static double[,] ToMatrix(Tensor t)
    {
        if (t.dim() != 2)
            throw new ArgumentException($"expected a 2-D tensor, got {t.dim()} dimensions", nameof(t));
        var flat = ToVector(t);
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var result = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    public static Tensor Gradient(Tensor t) =>
        t.grad ?? throw new InvalidOperationException("autograd produced no gradient");
}
