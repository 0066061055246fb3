// expect: wrong_answer
// Forgets the 1/sqrt(d) scale.
using TorchSharp;
using static TorchSharp.torch;

public static class Solution
{
    public static Tensor Attention(Tensor q, Tensor k, Tensor v) =>
        matmul(nn.functional.softmax(matmul(q, k.transpose(0, 1)), 1), v);
}
