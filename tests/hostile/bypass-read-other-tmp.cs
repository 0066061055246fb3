// expect: wrong_answer
// allowlist: off
// message: expected 10, got 0

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        return [System.IO.Directory.GetFileSystemEntries("/tmp").Length, 0, 0, 0];
    }
}
