namespace Autograder.Core.Checking;

/// <summary>Plain arithmetic on numbers, such as <c>3*3*1*10 + 10</c>, read with the formula parser and no variables.</summary>
internal static class Arithmetic
{
    public static bool TryEvaluate(string text, out double value, out string error)
    {
        value = 0;
        error = $"could not read '{text}'";
        return false;
    }
}
