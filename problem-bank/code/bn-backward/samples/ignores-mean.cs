// expect: wrong_answer
// Forgets that the mean depends on every x_i: dL/dx = γ dL/dy.
public static class Solution
{
    public static double[] Backward(double[] x, double[] dLdy, double gamma) => dLdy.Select(g => gamma * g).ToArray();
}
