// expect: forbidden_api
using F = System.IO.File;
public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        _ = F.Exists("/etc/shadow");
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
