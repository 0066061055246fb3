// expect: forbidden_api

public static class Solution
{
    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int getpid();
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        _ = getpid();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
