// expect: output_limit

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var big = new int[2_000_000];
        return big;
    }
}
