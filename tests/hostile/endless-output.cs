// expect: output_limit
// Prints without end and never returns: every child it gets ends itself at the output cap, so the tests that
// follow are reported as not run rather than left without a verdict.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        for (long i = 0; ; i++) Console.Write("spam spam spam spam spam spam spam spam spam spam spam spam ");
    }
}
