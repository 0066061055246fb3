// expect: forbidden_api

public static class Solution
{
    unsafe public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        fixed (int* p = input) { p[0] = 1; }
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
