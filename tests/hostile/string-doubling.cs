// expect: memory_limit

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var s = "x";
        while (true) s += s;
    }
}
