// expect: runtime_error
// message: ArgumentException: 10,3,32,32
// Throws its arguments: shown on the visible test, hidden tests say only "runtime error (hidden test)".

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        throw new ArgumentException(string.Join(',', input));
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
