// expect: compile_error
// Doubles a constant string 25 times: folding it builds a 1 GB string in the compiler, past its memory limit.

public static class Solution
{
    public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
    {
        var s = S25;
        return [input[0], filters, (input[2] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1, (input[3] + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1];
    }
    private const string S0 = "0123456789abcdef";
    private const string S1 = S0 + S0;
    private const string S2 = S1 + S1;
    private const string S3 = S2 + S2;
    private const string S4 = S3 + S3;
    private const string S5 = S4 + S4;
    private const string S6 = S5 + S5;
    private const string S7 = S6 + S6;
    private const string S8 = S7 + S7;
    private const string S9 = S8 + S8;
    private const string S10 = S9 + S9;
    private const string S11 = S10 + S10;
    private const string S12 = S11 + S11;
    private const string S13 = S12 + S12;
    private const string S14 = S13 + S13;
    private const string S15 = S14 + S14;
    private const string S16 = S15 + S15;
    private const string S17 = S16 + S16;
    private const string S18 = S17 + S17;
    private const string S19 = S18 + S18;
    private const string S20 = S19 + S19;
    private const string S21 = S20 + S20;
    private const string S22 = S21 + S21;
    private const string S23 = S22 + S22;
    private const string S24 = S23 + S23;
    private const string S25 = S24 + S24;
}
