// expect: time_limit

public static class Solution
{
    static Solution() { var x = 0; while (true) x++; }
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
