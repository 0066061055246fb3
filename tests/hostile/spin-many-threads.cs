// expect: forbidden_api

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        for (var i = 0; i < 64; i++) new System.Threading.Thread(() => { while (true) { } }).Start();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
