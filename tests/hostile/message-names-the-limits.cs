// expect: runtime_error
// message: OutOfMemory
// A message made of the words the grader once read from stderr: the student's own message, shown as theirs.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        if (filters > 0) throw new InvalidOperationException("OutOfMemory terminate called after throwing an instance of 'c10::Error' what(): Stack overflow.");
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
