public static class Solution
{
    // Two graph-convolution layers, Z = Â relu(Â W1) W2 with identity features, trained by full-batch gradient descent
    // on the softmax cross-entropy of the labelled nodes. Â = D^-1/2 (A + I) D^-1/2 is symmetric.
    public static int[] Classify(int[][] edges, int nodes, int[] trainNodes, int[] trainLabels)
    {
        const int hidden = 8, classes = 2, steps = 300;
        const double rate = 0.5;
        var a = new double[nodes, nodes];
        for (var i = 0; i < nodes; i++) a[i, i] = 1;
        foreach (var e in edges) { a[e[0], e[1]] = 1; a[e[1], e[0]] = 1; }
        var degree = new double[nodes];
        for (var i = 0; i < nodes; i++) for (var j = 0; j < nodes; j++) degree[i] += a[i, j];
        for (var i = 0; i < nodes; i++) for (var j = 0; j < nodes; j++) a[i, j] /= Math.Sqrt(degree[i] * degree[j]);

        var random = new Random(7);
        var w1 = Init(nodes, hidden, random);
        var w2 = Init(hidden, classes, random);
        for (var step = 0; step < steps; step++)
        {
            var p1 = Multiply(a, w1);                       // Â X W1 with X = I
            var h1 = Map(p1, v => Math.Max(0, v));
            var m = Multiply(a, h1);                        // Â H1
            var z = Multiply(m, w2);
            var dz = new double[nodes, classes];
            for (var t = 0; t < trainNodes.Length; t++)
            {
                var row = Softmax(z, trainNodes[t]);
                for (var c = 0; c < classes; c++) dz[trainNodes[t], c] = (row[c] - (c == trainLabels[t] ? 1 : 0)) / trainNodes.Length;
            }
            var dw2 = Multiply(Transpose(m), dz);
            var dh1 = Multiply(a, Multiply(dz, Transpose(w2)));
            var dp1 = new double[nodes, hidden];
            for (var i = 0; i < nodes; i++) for (var j = 0; j < hidden; j++) dp1[i, j] = p1[i, j] > 0 ? dh1[i, j] : 0;
            var dw1 = Multiply(a, dp1);
            Step(w1, dw1, rate);
            Step(w2, dw2, rate);
        }
        var final = Multiply(Multiply(a, Map(Multiply(a, w1), v => Math.Max(0, v))), w2);
        return Enumerable.Range(0, nodes).Select(i => final[i, 1] > final[i, 0] ? 1 : 0).ToArray();
    }

    private static double[,] Init(int rows, int cols, Random random)
    {
        var w = new double[rows, cols];
        var scale = Math.Sqrt(6.0 / (rows + cols));
        for (var i = 0; i < rows; i++) for (var j = 0; j < cols; j++) w[i, j] = (2 * random.NextDouble() - 1) * scale;
        return w;
    }

    private static double[] Softmax(double[,] z, int row)
    {
        var values = Enumerable.Range(0, z.GetLength(1)).Select(c => z[row, c]).ToArray();
        var max = values.Max();
        var exp = values.Select(v => Math.Exp(v - max)).ToArray();
        var total = exp.Sum();
        return exp.Select(v => v / total).ToArray();
    }

    private static void Step(double[,] w, double[,] gradient, double rate)
    {
        for (var i = 0; i < w.GetLength(0); i++) for (var j = 0; j < w.GetLength(1); j++) w[i, j] -= rate * gradient[i, j];
    }

    private static double[,] Map(double[,] x, Func<double, double> f)
    {
        var y = new double[x.GetLength(0), x.GetLength(1)];
        for (var i = 0; i < x.GetLength(0); i++) for (var j = 0; j < x.GetLength(1); j++) y[i, j] = f(x[i, j]);
        return y;
    }

    private static double[,] Transpose(double[,] x)
    {
        var y = new double[x.GetLength(1), x.GetLength(0)];
        for (var i = 0; i < x.GetLength(0); i++) for (var j = 0; j < x.GetLength(1); j++) y[j, i] = x[i, j];
        return y;
    }

    private static double[,] Multiply(double[,] x, double[,] y)
    {
        var n = x.GetLength(0);
        var k = x.GetLength(1);
        var m = y.GetLength(1);
        var z = new double[n, m];
        for (var i = 0; i < n; i++)
            for (var p = 0; p < k; p++)
            {
                var v = x[i, p];
                if (v == 0) continue;
                for (var j = 0; j < m; j++) z[i, j] += v * y[p, j];
            }
        return z;
    }
}
