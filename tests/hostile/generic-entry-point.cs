// expect: compile_error
// message: public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)

public static class Solution
{
    public static int[] OutputShape<T>(int[] input, int filters, int kernel, int stride, int padding, int dilation) => [input[0], filters, 1, 1];
}
