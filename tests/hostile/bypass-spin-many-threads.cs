// expect: time_limit
// allowlist: off
// message: stopped after

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        for (var i = 0; i < 200; i++) new System.Threading.Thread(() => { while (true) { } }) { IsBackground = true }.Start();
        while (true) { }
    }
}
