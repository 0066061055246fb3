using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Kernel attention computed the quadratic way (every sim(Q_i, K_j)) and the linear way (associativity).</summary>
public static class KernelAttentionCrossChecks
{
    /// <summary>V' by equation (3) with sim(q, k) = (qᵀk + c)^p.</summary>
    public static double[,] Quadratic(double[,] q, double[,] k, double[,] v, int degree, double c)
    {
        using var scope = NewDisposeScope();
        var similarity = (TensorArrays.Matrix(q).matmul(TensorArrays.Matrix(k).T) + c).pow(degree);
        var output = similarity.matmul(TensorArrays.Matrix(v)) / similarity.sum(1, keepdim: true);
        return TensorArrays.ToMatrix(output);
    }

    /// <summary>V' by equation (5), given the feature maps φ(Q_i) and φ(K_j) as rows.</summary>
    public static double[,] Linear(double[,] phiQ, double[,] phiK, double[,] v)
    {
        using var scope = NewDisposeScope();
        var fq = TensorArrays.Matrix(phiQ);
        var fk = TensorArrays.Matrix(phiK);
        var state = fk.T.matmul(TensorArrays.Matrix(v));
        var normalizer = fk.sum(dim: 0);
        return TensorArrays.ToMatrix(fq.matmul(state) / fq.matmul(normalizer).unsqueeze(1));
    }
}
