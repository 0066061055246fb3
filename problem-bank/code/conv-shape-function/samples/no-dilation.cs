// expect: wrong_answer
// Ignores the dilation: right whenever the dilation is 1.
public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation) =>
        [input[0], filters, (input[2] + 2 * padding - kernel) / stride + 1, (input[3] + 2 * padding - kernel) / stride + 1];
}
