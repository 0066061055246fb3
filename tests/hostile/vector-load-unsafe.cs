// expect: forbidden_api
// message: Vector.LoadUnsafe
// Reads far past the end of a small array without the unsafe keyword (the runner's heap, with every test's arguments).

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var probe = new int[4];
        var leaked = System.Numerics.Vector.LoadUnsafe(ref probe[0], (nuint)4096);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
