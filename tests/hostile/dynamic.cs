// expect: forbidden_api

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        dynamic d = input;
        return [d[0], filters, 1, 1];
    }
}
