// Return the output shape [n, filters, ho, wo] of a 2-D convolution applied to an input of shape [n, c, h, w].
public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        throw new NotImplementedException();
    }
}
