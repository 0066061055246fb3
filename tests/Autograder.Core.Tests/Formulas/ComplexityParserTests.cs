using Autograder.Core.Formulas;

namespace Autograder.Core.Tests.Formulas;

public sealed class ComplexityParserTests
{
    private static readonly HashSet<string> Vars = ["n", "d"];

    private static Complexity Parse(string text, IReadOnlySet<string>? variables = null)
    {
        Assert.True(ComplexityParser.TryParse(text, variables ?? Vars, out var complexity, out var error), error);
        return complexity;
    }

    private static string Error(string text, IReadOnlySet<string>? variables = null)
    {
        Assert.False(ComplexityParser.TryParse(text, variables ?? Vars, out var complexity, out var error), $"parsed as {complexity}");
        return error;
    }

    [Theory]
    [InlineData("O(n^2 d)", "O(d n^2)")]
    [InlineData("O(n*n*d)", "O(d n^2)")]
    [InlineData("n^2 d", "O(d n^2)")]
    [InlineData("O(d n^2 + n d)", "O(d n^2)")]
    [InlineData("O(N^2 D)", "O(d n^2)")]
    [InlineData("O(3 n^2 d + n)", "O(d n^2)")]
    [InlineData("O(n^2d)", "O(d n^2)")]
    [InlineData("O(nd)", "O(d n)")]
    [InlineData("O(n²d)", "O(d n^2)")]
    [InlineData("O(n**2 * d)", "O(d n^2)")]
    [InlineData("O(n^{2} d)", "O(d n^2)")]
    [InlineData("Θ(n^2 d)", "O(d n^2)")]
    [InlineData("Theta(n^2 d)", "O(d n^2)")]
    [InlineData(@"\Theta(n^2 d)", "O(d n^2)")]
    [InlineData("O(n^2 d/2)", "O(d n^2)")]
    [InlineData("O(n(n+1)d)", "O(d n^2)")]
    [InlineData("O((n+d)^2)", "O(d^2 + d n + n^2)")]
    [InlineData("O(1)", "O(1)")]
    [InlineData("O(42)", "O(1)")]
    [InlineData("O(n^0)", "O(1)")]
    [InlineData("O(n^1.5)", "O(n^1.5)")]
    [InlineData("O(sqrt(n) d)", "O(d n^0.5)")]
    public void TryParse_PrintsNormalForm(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("O(n log n)", "O(n log n)")]
    [InlineData("O(nlogn)", "O(n log n)")]
    [InlineData("O(n lg n)", "O(n log n)")]
    [InlineData("O(n log_2 n)", "O(n log n)")]
    [InlineData("O(n log(n))", "O(n log n)")]
    [InlineData("O(n log n^2)", "O(n log n)")]
    [InlineData("O(n log(n)^2)", "O(n (log n)^2)")]
    [InlineData("O(n log^2 n)", "O(n (log n)^2)")]
    [InlineData("O(n + log n)", "O(n)")]
    [InlineData("O(n log n + n)", "O(n log n)")]
    [InlineData("O(n log n + n^2)", "O(n^2)")]
    [InlineData("O(d + log n)", "O(d + log n)")]
    [InlineData("O(log(n d))", "O(log d + log n)")]
    [InlineData("O(d log n + d n)", "O(d n)")]
    public void TryParse_TreatsLogAsBelowAnyPositivePower(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("O(n^2 d)", "O(d*n*n)")]
    [InlineData("O(n^2 d)", "O(3 n^2 d + n)")]
    [InlineData("O(n^2 d)", "n n d")]
    [InlineData("O(n^2 + n d)", "O(n d + n^2)")]
    [InlineData("O(n^2 + n d)", "O(n(n + d))")]
    [InlineData("Θ(n log n)", "O(log(n) * n)")]
    public void Equals_IsTrue_ForTheSameNormalForm(string a, string b)
    {
        Assert.Equal(Parse(a), Parse(b));
        Assert.True(Parse(a) == Parse(b));
        Assert.Equal(Parse(a).GetHashCode(), Parse(b).GetHashCode());
    }

    [Theory]
    [InlineData("O(n d^2)", "O(n^2 d)")]
    [InlineData("O(n^2 + n d)", "O(n^2)")]
    [InlineData("O(n log n)", "O(n)")]
    [InlineData("O(n^2 d)", "O(n^2 d^2)")]
    [InlineData("O(1)", "O(n)")]
    public void Equals_IsFalse_ForDifferentBounds(string a, string b)
    {
        Assert.NotEqual(Parse(a), Parse(b));
        Assert.True(Parse(a) != Parse(b));
    }

    [Fact]
    public void TryParse_KeepsIncomparableTermsAsSum()
    {
        var c = Parse("O(n^2 + n d)");
        Assert.Equal(2, c.Terms.Count);
        Assert.Equal("O(d n + n^2)", c.ToString());
    }

    [Theory]
    [InlineData("O(n)", ComplexityNotation.BigO)]
    [InlineData("Θ(n)", ComplexityNotation.Theta)]
    [InlineData("n", ComplexityNotation.Bare)]
    public void TryParse_RecordsNotation_WithoutAffectingEquality(string text, ComplexityNotation notation) =>
        Assert.Equal(notation, Parse(text).Notation);

    [Fact]
    public void TryParse_MatchesCaseExactly_WhenBothCasesAreDeclared()
    {
        HashSet<string> vars = ["n", "N"];
        Assert.Equal("O(N n)", Parse("O(n N)", vars).ToString());
    }

    [Theory]
    [InlineData("O(n^2 x)", "at column 7: unknown variable 'x'; this answer may use: n, d")]
    [InlineData("O(n^2 - n)", "at column 7: '-' has no place in a big-O bound; drop lower-order terms instead")]
    [InlineData("O(n^2", "at column 6: found the end of the answer; expected")]
    [InlineData("O(2^n)", "at column 5: found 'n'; expected a constant exponent")]
    [InlineData("O(n/d)", "at column 5: found 'd'; expected a number (only division by a constant is allowed)")]
    [InlineData("O(n log)", "at column 5: log needs an argument")]
    [InlineData("O(log log n)", "at column 3: log needs an argument")]
    [InlineData("o(n)", "at column 1: unknown variable 'o' (write big O as a capital O)")]
    [InlineData("Ω(n)", "at column 1: unknown variable 'Ω' (give an upper bound")]
    [InlineData("O(n) time", "at column 6: found 't'; expected the end of the answer")]
    [InlineData("O n", "at column 1: unknown variable 'O' (write the bound as O(...))")]
    [InlineData("O(n^2 d) + O(n)", "at column 10: put one O(...) around the whole bound")]
    [InlineData("n^2 d)", "at column 6: found ')'; expected an operator or the end of the answer")]
    [InlineData("", "the answer is empty")]
    public void TryParse_ExplainsWhatIsWrong_ForBadAnswers(string text, string start) =>
        Assert.StartsWith(start, Error(text));

    [Fact]
    public void TryParse_RejectsCaseInsensitiveMatch_WhenAmbiguous()
    {
        HashSet<string> vars = ["n", "N"];
        Assert.StartsWith("at column 3: unknown variable 'm'", Error("O(m)", vars));
    }

    [Theory]
    [InlineData(240, "(n+d)")]
    [InlineData(120, "(n+d)^8")]
    [InlineData(500, "(")]
    [InlineData(60, "(n+d+n d)")]
    [InlineData(30, "((n+d)^8)^8")]
    public void TryParse_StaysSmall_ForHostileInput(int repeat, string piece)
    {
        var text = string.Concat(Enumerable.Repeat(piece, repeat));
        var ok = ComplexityParser.TryParse(text, Vars, out var c, out var error);
        Assert.True(ok ? c!.Terms.Count < 100 : error is not null);
    }
}
