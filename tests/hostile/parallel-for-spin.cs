// expect: forbidden_api

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        System.Threading.Tasks.Parallel.For(0, 64, _ => { while (true) { } });
        return [];
    }
}
