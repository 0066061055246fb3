using TorchSharp;
using static TorchSharp.torch;

public static class Solution
{
    // softmax(q kᵀ / sqrt(d)) v, the softmax over the keys of each query (q: n × d, k: m × d, v: m × p).
    public static Tensor Attention(Tensor q, Tensor k, Tensor v)
    {
        throw new NotImplementedException();
    }
}
