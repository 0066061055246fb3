public static class Solution
{
    // One output row per query: softmax(q . k_j / sqrt(d)) over the keys, then the weighted sum of the value rows.
    public static double[][] Attention(double[][] queries, double[][] keys, double[][] values)
    {
        throw new NotImplementedException();
    }
}
