// expect: time_limit
// Right, but recomputes the mean for every entry: O(n²), too slow for the batch of 100,000.
public static class Solution
{
    public static double[] Backward(double[] x, double[] dLdy, double gamma)
    {
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < dLdy.Length; j++) sum += dLdy[j];
            result[i] = gamma * (dLdy[i] - sum / dLdy.Length);
        }
        return result;
    }
}
