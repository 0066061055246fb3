// expect: runtime_error
// allowlist: off
// message: No such file or directory

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        using var p = System.Diagnostics.Process.Start("/bin/sh", "-c true");
        p.WaitForExit();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
