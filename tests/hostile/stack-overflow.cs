// expect: runtime_error
// message: stack overflow

public static class Solution
{
    private static int[] Deep(int[] a, int n) => n < 0 ? a : Deep(a, n + 1);
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        return Deep(input, 0);
    }
}
