// expect: output_limit
// Tries to wind the output counter back with a negative count, then prints without end.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var chunk = new string('x', 1000).ToCharArray();
        while (true)
        {
            try { Console.Write(chunk, 0, -100000); } catch (ArgumentException) { }
            Console.Write(chunk);
        }
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
