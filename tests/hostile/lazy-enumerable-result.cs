// expect: compile_error
// message: public static int[] OutputShape
// Returns a lazy sequence that would spin while the grader enumerates it: the entry point must be exactly the question's.

public static class Solution
{
    public static IEnumerable<int> OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        while (true) yield return 1;
    }
}
