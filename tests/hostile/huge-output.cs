// expect: output_limit

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        for (var i = 0; i < 10_000_000; i++) Console.WriteLine("spam spam spam spam spam spam");
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
