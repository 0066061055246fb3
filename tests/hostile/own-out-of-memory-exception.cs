// expect: runtime_error
// message: OutOfMemoryException
// An exception class of its own named OutOfMemoryException: a runtime error, not a memory limit.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        if (filters > 0) throw new OutOfMemoryException();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
    private sealed class OutOfMemoryException : Exception { }
}
