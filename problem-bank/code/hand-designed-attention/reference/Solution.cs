public static class Solution
{
    private const double Sharp = 30; // scores this far apart make the softmax one-hot to within e^-30 per token

    public static double[][][] Design(string task, int vocab, int length)
    {
        var d = vocab + length;
        double[][] Zero() => Enumerable.Range(0, d).Select(_ => new double[d]).ToArray();
        var (wq, wk, wv) = (Zero(), Zero(), Zero());
        if (task == "content")
        {
            // Every query is the same constant direction; only token 0 has a key along it. Values carry the position.
            for (var r = 0; r < vocab; r++) wq[r][0] = Sharp;
            wk[0][0] = 1;
            for (var p = 0; p < length; p++) wv[vocab + p][vocab + p] = 1;
        }
        else
        {
            // Position i asks for position max(i - 1, 0); keys are positions; values carry the token.
            for (var p = 0; p < length; p++)
            {
                wq[vocab + p][vocab + Math.Max(p - 1, 0)] = Sharp;
                wk[vocab + p][vocab + p] = 1;
            }
            for (var t = 0; t < vocab; t++) wv[t][t] = 1;
        }
        return [wq, wk, wv];
    }
}
