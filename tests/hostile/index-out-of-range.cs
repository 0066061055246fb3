// expect: runtime_error

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        return [input[7], filters, 0, 0];
    }
}
