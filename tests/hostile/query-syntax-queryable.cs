// expect: forbidden_api
// message: System.Linq
// Query syntax over EnumerableQuery binds to Queryable and compiles expression trees without naming either.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var q = from v in new EnumerableQuery<int>(input) where v > 0 select v;
        _ = q.First();
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
}
