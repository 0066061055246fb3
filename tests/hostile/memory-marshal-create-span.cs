// expect: forbidden_api
// message: System.Runtime.InteropServices

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var span = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref input[0], 1 << 20);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
