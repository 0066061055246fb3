using Autograder.Core.Formulas;

namespace Autograder.Core.Tests.Formulas;

/// <summary>Formulas and big-O bounds as students type or paste them: LaTeX, Unicode, implicit products.</summary>
public sealed class TypedNotationTests
{
    private static readonly HashSet<string> Vars = ["w", "u_1", "u_2", "a", "b", "d", "m", "v", "eta", "beta_2", "sigma", "epsilon", "lambda"];

    private static string Canonical(string text, IReadOnlySet<string>? variables = null)
    {
        Assert.True(FormulaParser.TryParse(text, variables ?? Vars, out var expr, out var error), $"{text}: {error}");
        return expr.ToString();
    }

    private static string Error(string text)
    {
        Assert.False(FormulaParser.TryParse(text, Vars, out var expr, out var error), $"{text} parsed as {expr}");
        return error;
    }

    [Theory]
    // LaTeX
    [InlineData(@"\frac{a}{b}", "a/b")]
    [InlineData(@"\frac12 w", "1/2*w")]
    [InlineData(@"\frac{1}{2}w", "1/2*w")]
    [InlineData(@"\dfrac{\eta}{\sqrt{v}+\epsilon}", "eta/(sqrt(v) + epsilon)")]
    [InlineData(@"w - \eta \frac{m}{\sqrt{v} + \epsilon}", "w - eta*(m/(sqrt(v) + epsilon))")]
    [InlineData(@"\sqrt{d}", "sqrt(d)")]
    [InlineData(@"\sqrt d", "sqrt(d)")]
    [InlineData(@"\sqrt{d}^2", "sqrt(d)^2")]
    [InlineData(@"\sqrt[3]{d}", "d^(1/3)")]
    [InlineData(@"\eta", "eta")]
    [InlineData(@"\eta\lambda w", "eta*lambda*w")]
    [InlineData(@"2\eta w", "2*eta*w")]
    [InlineData(@"\beta_2", "beta_2")]
    [InlineData(@"\beta_{2} m", "beta_2*m")]
    [InlineData(@"\sigma^2", "sigma^2")]
    [InlineData(@"\sigma^{2}", "sigma^2")]
    [InlineData(@"a \cdot b", "a*b")]
    [InlineData(@"a\times b", "a*b")]
    [InlineData(@"a \div b", "a/b")]
    [InlineData(@"\left( a + b \right)^2", "(a + b)^2")]
    [InlineData(@"\left[a+b\right] d", "(a + b)*d")]
    [InlineData(@"\bigl(a+b\bigr)", "a + b")]
    [InlineData(@"\left| w - a \right|", "abs(w - a)")]
    [InlineData(@"{a+b}^{2}", "(a + b)^2")]
    [InlineData(@"a{}b", "a*b")]
    [InlineData(@"\exp(-w)", "exp(-w)")]
    [InlineData(@"\log w", "log(w)")]
    [InlineData(@"\mathrm{d} \mathbf{w}", "d*w")]
    [InlineData(@"a\,b", "a*b")]
    [InlineData(@"$\frac{a}{b}$", "a/b")]
    [InlineData(@"$$ a^2 $$", "a^2")]
    // Unicode
    [InlineData("u₁", "u_1")]
    [InlineData("σ²", "sigma^2")]
    [InlineData("β₂ m", "beta_2*m")]
    [InlineData("u₁²", "u_1^2")]
    [InlineData("w⁻¹", "w^(-1)")]
    [InlineData("√d", "sqrt(d)")]
    [InlineData("2√d", "2*sqrt(d)")]
    [InlineData("√(a+b)", "sqrt(a + b)")]
    [InlineData("η·w − a", "eta*w - a")]
    [InlineData("a × b ÷ d", "a*b/d")]
    [InlineData("\U0001D464 + \U0001D44E", "w + a")]
    [InlineData("\U0001D702\U0001D464", "eta*w")]
    [InlineData("a\u00a0b", "a*b")]
    // implicit products and function application
    [InlineData("3w^2u_1", "3*w^2*u_1")]
    [InlineData("3w^2 u_1", "3*w^2*u_1")]
    [InlineData("sqrt d", "sqrt(d)")]
    [InlineData("sqrt d^2", "sqrt(d^2)")]
    [InlineData("sqrt(d)^2", "sqrt(d)^2")]
    [InlineData("a b sqrt d", "a*b*sqrt(d)")]
    [InlineData("2(a+b)", "2*(a + b)")]
    [InlineData("(a+b)(a-b)", "(a + b)*(a - b)")]
    [InlineData(@"\exp{-w}", "exp(-w)")]
    public void TryParse_ReadsWhatStudentsType(string text, string canonical) =>
        Assert.Equal(canonical, Canonical(text));

    [Theory]
    [InlineData("u1")]
    [InlineData("u_1")]
    [InlineData("u₁")]
    [InlineData("u_{1}")]
    [InlineData("u_{ 1 }")]
    public void TryParse_MatchesEveryWayOfWritingASubscript_WhenDeclaredWithAnUnderscore(string text) =>
        Assert.Equal("u_1", Canonical(text));

    [Theory]
    [InlineData("u1")]
    [InlineData("u_1")]
    [InlineData("u₁")]
    [InlineData("u_{1}")]
    public void TryParse_MatchesEveryWayOfWritingASubscript_WhenDeclaredWithout(string text) =>
        Assert.Equal("u1", Canonical(text, new HashSet<string> { "u1", "w" }));

    [Theory]
    [InlineData(@"\frac{a}{b", "at column 9: '{' is never closed; expected '}'")]
    [InlineData(@"\frac{a}", @"at column 1: \frac needs an argument, e.g. \frac{x}")]
    [InlineData(@"\sqrt{}", @"at column 1: \sqrt needs an argument, e.g. \sqrt{x}")]
    [InlineData(@"\foo + a", @"at column 1: '\foo' is not something this answer can use")]
    [InlineData(@"a + \infty", @"at column 5: '\infty' is not something this answer can use")]
    [InlineData("a + b}", "at column 6: '}' without a matching '{'")]
    [InlineData("u_{1+2}", "at column 5: a subscript may hold only letters and digits, not '+'")]
    [InlineData(@"\left a", @"at column 7: \left needs a bracket after it, e.g. \left(")]
    [InlineData(@"a \", @"at column 3: a '\' with no command after it")]
    [InlineData(@"\eta +", "at column 7: found the end of the answer")]
    [InlineData(@"\frac{a}{b} +* w", "at column 14: found '*'")]
    [InlineData("σ² $ a", "at column 4: found '$'")]
    [InlineData(@"\left(a + b", "at column 12: found the end of the answer; expected")]
    [InlineData("x_1 + a", "at column 1: unknown variable 'x_1'")]
    [InlineData(@"\eta \cdot \zeta", "at column 12: unknown variable 'ζ'")]
    [InlineData("sqrt", "at column 5: found the end of the answer; expected '(' or an argument after sqrt")]
    [InlineData(@"\sqrt[3{d}", "at column 6: '[' is never closed; expected ']'")]
    [InlineData("$ $", "the answer is empty")]
    public void TryParse_SaysWhereTheAnswerWasNotUnderstood(string text, string start) =>
        Assert.StartsWith(start, Error(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("O(n^2 d)", "O(d n^2)")]
    [InlineData(@"\mathcal{O}(n^2 d)", "O(d n^2)")]
    [InlineData(@"\mathcal O(n^2 d)", "O(d n^2)")]
    [InlineData("O(n²d)", "O(d n^2)")]
    [InlineData(@"O(n^{2} d)", "O(d n^2)")]
    [InlineData(@"\mathcal{O}\left(n^2 \cdot d\right)", "O(d n^2)")]
    [InlineData(@"\Theta(n \log n)", "O(n log n)")]
    [InlineData(@"O(n\log n)", "O(n log n)")]
    [InlineData(@"O(\sqrt{n} d)", "O(d n^0.5)")]
    [InlineData(@"$O(n^2 d)$", "O(d n^2)")]
    [InlineData("O(n² + nd)", "O(d n + n^2)")]
    public void ComplexityParser_ReadsTheSameNotation(string text, string canonical)
    {
        Assert.True(ComplexityParser.TryParse(text, new HashSet<string> { "n", "d" }, out var complexity, out var error), $"{text}: {error}");
        Assert.Equal(canonical, complexity.ToString());
    }

    [Theory]
    [InlineData(@"\mathcal{O}(n^2 d", "at column 18: found the end of the answer")]
    [InlineData(@"O(n \cdot x)", "at column 11: unknown variable 'x'")]
    public void ComplexityParser_SaysWhereTheAnswerWasNotUnderstood(string text, string start)
    {
        Assert.False(ComplexityParser.TryParse(text, new HashSet<string> { "n", "d" }, out _, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "√")]
    [InlineData(83, @"\sqrt{")]
    [InlineData(100, @"\frac")]
    [InlineData(250, "{")]
    [InlineData(500, "²")]
    [InlineData(125, @"\eta")]
    public void TryParse_ReturnsErrorOrValueWithoutThrowing_ForHostileInput(int repeat, string piece)
    {
        var text = string.Concat(Enumerable.Repeat(piece, repeat)) + "d";
        var ok = FormulaParser.TryParse(text, Vars, out _, out var error);
        Assert.True(ok || error is not null);
    }
}
