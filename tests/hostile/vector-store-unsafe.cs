// expect: forbidden_api
// message: Vector.StoreUnsafe
// Writes past an array's end to change the next object's length.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var probe = new int[4];
        System.Numerics.Vector.StoreUnsafe(new System.Numerics.Vector<int>(int.MaxValue), ref probe[0], (nuint)6);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
