using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>The linear autoencoder's optimum by libtorch's eigh, and by training W1, W2 with autograd.</summary>
public static class PcaCrossChecks
{
    /// <summary>Eigenvalues of XXᵀ/n, descending, and the projection onto the top-k eigenvectors.</summary>
    public static (double[] Eigenvalues, double[,] Projection) Eigen(double[,] x, int k)
    {
        ArgumentNullException.ThrowIfNull(x);

        using var scope = NewDisposeScope();
        var data = TensorArrays.Matrix(x);
        var covariance = data.matmul(data.T) / x.GetLength(1);
        var (values, vectors) = linalg.eigh(covariance);
        var order = values.argsort(descending: true);
        var top = vectors.index_select(1, order[..k]);
        return (TensorArrays.ToVector(values.index_select(0, order)), TensorArrays.ToMatrix(top.matmul(top.T)));
    }

    /// <summary>(1/n)‖X − W2W1X‖²_F after full-batch gradient descent from a small random start.</summary>
    public static double TrainedLoss(double[,] x, int k, int steps, double learningRate, int seed)
    {
        ArgumentNullException.ThrowIfNull(x);

        using var scope = NewDisposeScope();
        var data = TensorArrays.Matrix(x);
        int m = x.GetLength(0), n = x.GetLength(1);
        var generator = new Generator((ulong)seed);
        var w1 = (randn([k, m], float64, TorchDevice.Default, generator: generator) * 0.1).requires_grad_();
        var w2 = (randn([m, k], float64, TorchDevice.Default, generator: generator) * 0.1).requires_grad_();
        for (var step = 0; step < steps; step++)
        {
            var loss = (data - w2.matmul(w1.matmul(data))).pow(2).sum() / n;
            loss.backward();
            using (no_grad())
            {
                w1.sub_(TensorArrays.Gradient(w1) * learningRate);
                w2.sub_(TensorArrays.Gradient(w2) * learningRate);
                w1.grad!.zero_();
                w2.grad!.zero_();
            }
        }

        return TensorArrays.ToScalar((data - w2.matmul(w1.matmul(data))).pow(2).sum() / n);
    }
}
