// expect: runtime_error
// allowlist: off
// Writes the runtime's own words on the real stderr, then throws from another thread: no memory_limit from text.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        using (var err = Console.OpenStandardError()) err.Write(System.Text.Encoding.UTF8.GetBytes("Stack overflow.\nOutOfMemory\nterminate called after throwing an instance of 'c10::Error'\n"));
        new System.Threading.Thread(() => throw new OutOfMemoryException("OutOfMemory")).Start();
        System.Threading.Thread.Sleep(2000);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
