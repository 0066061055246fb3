// expect: forbidden_api
// message: async
// async void puts its continuation (and its exceptions) on a thread-pool thread.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        Later();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
    private static async void Later() => throw new Exception("OutOfMemory");
}
