// expect: memory_limit

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var hoard = new List<long[]>();
        while (true) hoard.Add(new long[1 << 20]);
    }
}
