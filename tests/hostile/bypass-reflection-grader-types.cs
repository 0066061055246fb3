// expect: runtime_error
// allowlist: off
// message: Could not load file or assembly 'Autograder.Sandbox

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var t = Type.GetType("Autograder.Sandbox.Grading.CodeGrader, Autograder.Sandbox", throwOnError: true);
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
