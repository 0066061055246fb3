public static class Solution
{
    // Tied weights, E = Dᵀ, and the gradient flow of the reconstruction loss in Oja's subspace form:
    // D ← D + η (C D − D Dᵀ C D), with C the data covariance. It converges to an orthonormal basis of the top-k subspace.
    public static double[][][] Train(double[][] data, int k)
    {
        var n = data.Length;
        var d = data[0].Length;
        var c = new double[d, d];
        foreach (var x in data)
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) c[i, j] += x[i] * x[j] / n;
        var trace = Enumerable.Range(0, d).Sum(i => c[i, i]);
        var rate = 0.5 / trace;
        var random = new Random(1);
        var w = new double[d, k];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < k; j++) w[i, j] = random.NextDouble() - 0.5;
        for (var step = 0; step < 5000; step++)
        {
            var cw = Multiply(c, w);
            var wtcw = Multiply(Transpose(w), cw);
            var wwtcw = Multiply(w, wtcw);
            for (var i = 0; i < d; i++)
                for (var j = 0; j < k; j++) w[i, j] += rate * (cw[i, j] - wwtcw[i, j]);
        }
        var decoder = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, k).Select(j => w[i, j]).ToArray()).ToArray();
        var encoder = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, d).Select(i => w[i, j]).ToArray()).ToArray();
        return [encoder, decoder];
    }

    private static double[,] Transpose(double[,] m)
    {
        var t = new double[m.GetLength(1), m.GetLength(0)];
        for (var i = 0; i < m.GetLength(0); i++)
            for (var j = 0; j < m.GetLength(1); j++) t[j, i] = m[i, j];
        return t;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[a.GetLength(0), b.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
            for (var p = 0; p < a.GetLength(1); p++)
                for (var j = 0; j < b.GetLength(1); j++) r[i, j] += a[i, p] * b[p, j];
        return r;
    }
}
