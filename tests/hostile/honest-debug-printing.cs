// expect: passed
// Prints 6 KB of debugging per test: under each test's 16 KB limit, though more than 16 KB in all.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        for (var i = 0; i < 100; i++) Console.WriteLine($"debug {i}: input={string.Join(',', input)} filters={filters} kernel={kernel}");
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
