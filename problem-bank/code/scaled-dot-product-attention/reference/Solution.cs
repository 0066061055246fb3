public static class Solution
{
    public static double[][] Attention(double[][] queries, double[][] keys, double[][] values)
    {
        var scale = 1 / Math.Sqrt(queries[0].Length);
        return queries.Select(q =>
        {
            var scores = keys.Select(k => scale * q.Zip(k, (a, b) => a * b).Sum()).ToArray();
            var max = scores.Max(); // subtracting the largest score keeps exp from overflowing
            var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
            var total = weights.Sum();
            var output = new double[values[0].Length];
            for (var j = 0; j < keys.Length; j++)
                for (var c = 0; c < output.Length; c++) output[c] += weights[j] / total * values[j][c];
            return output;
        }).ToArray();
    }
}
