// expect: wrong_answer

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        return [input[0], filters, (int)Math.Ceiling((input[2] + 2.0 * padding - dilation * (kernel - 1) - 1) / stride) + 1, (int)Math.Ceiling((input[3] + 2.0 * padding - dilation * (kernel - 1) - 1) / stride) + 1];
    }
}
