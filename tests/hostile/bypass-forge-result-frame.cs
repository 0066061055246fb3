// expect: runtime_error
// allowlist: off
// message: result channel
// Writes a forged result frame on the result channel (file descriptor 3): it is not signed with the job's key.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var bytes = new byte[] { (byte)'A', (byte)'G', (byte)'F', (byte)'1', 2, 0, 0, 0, (byte)'{', (byte)'}' }.Concat(new byte[32]).ToArray();
        using (var fd3 = new System.IO.FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)3, ownsHandle: false), System.IO.FileAccess.Write, 1)) fd3.Write(bytes);
        System.Threading.Thread.Sleep(400);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
