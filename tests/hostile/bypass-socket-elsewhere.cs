// expect: runtime_error
// allowlist: off
// message: Network is unreachable

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        using var c = new System.Net.Sockets.TcpClient();
        c.Connect("1.1.1.1", 80);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
