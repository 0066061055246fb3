// expect: forbidden_api
// message: finalizers
// A finalizer is a second thread: it could print or throw while a result is written.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        for (var i = 0; i < 1000; i++) _ = new Noisy();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
    private sealed class Noisy { ~Noisy() { Console.Write("x"); } }
}
