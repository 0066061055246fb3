// expect: compile_error
// message: compile time limit
// Lambdas nested in an eight-way overloaded call: overload resolution binds every combination (8^8) and compiles for minutes.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var r = M(a0 => M(a1 => M(a2 => M(a3 => M(a4 => M(a5 => M(a6 => M(a7 => (int)(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7)))))))));
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
    private static int M(Func<int, int> f) => 0;
    private static int M(Func<long, long> f) => 0;
    private static int M(Func<short, short> f) => 0;
    private static int M(Func<byte, byte> f) => 0;
    private static int M(Func<sbyte, sbyte> f) => 0;
    private static int M(Func<uint, uint> f) => 0;
    private static int M(Func<ulong, ulong> f) => 0;
    private static int M(Func<ushort, ushort> f) => 0;
}
