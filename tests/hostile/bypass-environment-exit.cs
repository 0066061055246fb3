// expect: runtime_error
// allowlist: off
// message: exited with code 0

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        Environment.Exit(0);
        return [];
    }
}
