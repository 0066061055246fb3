// expect: wrong_answer
// Forgets the 1/sqrt(d) scale.
public static class Solution
{
    public static double[][] Attention(double[][] queries, double[][] keys, double[][] values) =>
        queries.Select(q =>
        {
            var scores = keys.Select(k => q.Zip(k, (a, b) => a * b).Sum()).ToArray();
            var max = scores.Max();
            var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
            var total = weights.Sum();
            return Enumerable.Range(0, values[0].Length).Select(c => Enumerable.Range(0, keys.Length).Sum(j => weights[j] / total * values[j][c])).ToArray();
        }).ToArray();
}
