public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        static int Side(int size, int kernel, int stride, int padding, int dilation) =>
            (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;

        return [input[0], filters, Side(input[2], kernel, stride, padding, dilation), Side(input[3], kernel, stride, padding, dilation)];
    }
}
