// expect: runtime_error
// allowlist: off
// message: Could not find a part of the path '/etc/passwd'

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        _ = System.IO.File.ReadAllText("/etc/passwd");
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
