public static class Solution
{
    // ∂y_j/∂x_i = γ(δ_ij − 1/n), so dL/dx_i = γ(dL/dy_i − mean_j dL/dy_j).
    public static double[] Backward(double[] x, double[] dLdy, double gamma)
    {
        var mean = dLdy.Average();
        return dLdy.Select(g => gamma * (g - mean)).ToArray();
    }
}
