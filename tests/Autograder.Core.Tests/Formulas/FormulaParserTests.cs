using Autograder.Core.Formulas;

namespace Autograder.Core.Tests.Formulas;

public sealed class FormulaParserTests
{
    private static readonly HashSet<string> Vars = ["w", "u_1", "u_2"];
    private static readonly HashSet<string> AdamVars = ["eta", "lambda", "gamma", "beta", "sigma", "mu", "w", "d", "g", "m", "v", "epsilon"];

    private static Expr Parse(string text, IReadOnlySet<string>? variables = null)
    {
        Assert.True(FormulaParser.TryParse(text, variables ?? Vars, out var expr, out var error), error);
        return expr;
    }

    private static string Error(string text, IReadOnlySet<string>? variables = null)
    {
        Assert.False(FormulaParser.TryParse(text, variables ?? Vars, out var expr, out var error), $"parsed as {expr}");
        return error;
    }

    [Theory]
    [InlineData("2", "2")]
    [InlineData("2.5", "2.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1e-3", "0.001")]
    [InlineData("2E+3", "2000")]
    [InlineData("w", "w")]
    [InlineData("  w  +  u_1  ", "w + u_1")]
    [InlineData("w+u_1*u_2", "w + u_1*u_2")]
    [InlineData("(w+u_1)*u_2", "(w + u_1)*u_2")]
    [InlineData("w-u_1-u_2", "w - u_1 - u_2")]
    [InlineData("w-(u_1-u_2)", "w - (u_1 - u_2)")]
    [InlineData("w/u_1/u_2", "w/u_1/u_2")]
    [InlineData("w/(u_1*u_2)", "w/(u_1*u_2)")]
    [InlineData("w^2", "w^2")]
    [InlineData("w**2", "w^2")]
    [InlineData("w ** 2 * u_1", "w^2*u_1")]
    [InlineData("w^u_1^2", "w^u_1^2")]
    [InlineData("(w^u_1)^2", "(w^u_1)^2")]
    [InlineData("w²", "w^2")]
    [InlineData("-w^2", "-w^2")]
    [InlineData("(-w)^2", "(-w)^2")]
    [InlineData("w^-1", "w^(-1)")]
    [InlineData("--w", "-(-w)")]
    [InlineData("+w", "w")]
    [InlineData("-(w+u_1)", "-(w + u_1)")]
    [InlineData("w*-u_1", "w*(-u_1)")]
    [InlineData("w − u_1 · u_2", "w - u_1*u_2")]
    public void TryParse_PrintsCanonicalForm_ForOperatorsAndPrecedence(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("2w", "2*w")]
    [InlineData("2 w", "2*w")]
    [InlineData("w u_1", "w*u_1")]
    [InlineData("2(w+1)", "2*(w + 1)")]
    [InlineData("(w)(u_1)", "w*u_1")]
    [InlineData("(w+1)(u_1-1)", "(w + 1)*(u_1 - 1)")]
    [InlineData("2w(u_1+w)", "2*w*(u_1 + w)")]
    [InlineData("2w^2", "2*w^2")]
    [InlineData("-2w", "-2*w")]
    [InlineData("1/2w", "1/2*w")]
    [InlineData("wu_1", "w*u_1")]
    [InlineData("2sqrt(w)", "2*sqrt(w)")]
    [InlineData("w(u_1)", "w*u_1")]
    [InlineData("wu_1^2", "w*u_1^2")]
    [InlineData("2/wu_1", "2/w*u_1")]
    public void TryParse_ReadsImplicitMultiplication_WhenCoefficientPrecedesVariable(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("eta*lambda", "eta*lambda")]
    [InlineData("η λ", "eta*lambda")]
    [InlineData("ηλ", "eta*lambda")]
    [InlineData("2ηw", "2*eta*w")]
    [InlineData("γ m + (1-γ) g", "gamma*m + (1 - gamma)*g")]
    [InlineData("w - η m/(sqrt(v) + ε)", "w - eta*m/(sqrt(v) + epsilon)")]
    [InlineData("w - eta*(m/(sqrt(v)+epsilon) + lambda*w)", "w - eta*(m/(sqrt(v) + epsilon) + lambda*w)")]
    [InlineData("(w-μ)/σ", "(w - mu)/sigma")]
    [InlineData("(w-\u00b5)/sigma", "(w - mu)/sigma")]
    [InlineData("β^d", "beta^d")]
    public void TryParse_MapsGreekLettersAndMultiLetterNames_ToDeclaredVariables(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text, AdamVars).ToString());

    [Theory]
    [InlineData("u1", "u_1")]
    [InlineData("u2 w", "u_2*w")]
    public void TryParse_AcceptsSubscriptWithoutUnderscore_WhenDeclaredWithOne(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("sqrt(w)", "sqrt(w)")]
    [InlineData("exp(-w)", "exp(-w)")]
    [InlineData("ln(w)", "log(w)")]
    [InlineData("log(w u_1)", "log(w*u_1)")]
    [InlineData("sin(w)^2 + cos(w)^2", "sin(w)^2 + cos(w)^2")]
    [InlineData("tanh(w)", "tanh(w)")]
    [InlineData("abs(w - u_1)", "abs(w - u_1)")]
    [InlineData("sigmoid(w u_1)(1 - sigmoid(w u_1))", "sigmoid(w*u_1)*(1 - sigmoid(w*u_1))")]
    public void TryParse_ReadsFunctionCalls(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("2*w*(u_1 + w)")]
    [InlineData("-w^2 + (-w)^2 - w^(-1)")]
    [InlineData("w/u_1/u_2 - w/(u_1/u_2)")]
    [InlineData("w^u_1^2*(w^u_1)^2")]
    [InlineData("-(-w)*(-u_1) - (-2)")]
    [InlineData("sigmoid(w)*(1 - sigmoid(w))/2*w")]
    public void ToString_ParsesBackToTheSameTree(string text)
    {
        var expr = Parse(text);
        Assert.Equal(expr, Parse(expr.ToString()));
    }

    [Fact]
    public void TryParse_BuildsTheExpectedTree_ForImplicitProduct()
    {
        var expected = new Binary(BinaryOperator.Multiply,
            new Binary(BinaryOperator.Multiply, new Constant(2), new Variable("w")),
            new Binary(BinaryOperator.Add, new Variable("u_1"), new Variable("w")));
        Assert.Equal(expected, Parse("2w(u_1+w)"));
    }

    [Theory]
    [InlineData("2*w*(u_1 + w)", 0.5, 1.5, 2 * 0.5 * 2.0)]
    [InlineData("w^2^2", 2.0, 0, 16)]
    [InlineData("-w^2", 3.0, 0, -9)]
    [InlineData("sigmoid(w)", 0.0, 0, 0.5)]
    [InlineData("1/2w", 4.0, 0, 2)]
    public void Evaluate_ComputesValue(string text, double w, double u1, double value) =>
        Assert.Equal(value, Parse(text).Evaluate(new Dictionary<string, double> { ["w"] = w, ["u_1"] = u1 }), 12);

    [Theory]
    [InlineData("2w(u_1+w)", @"2 \cdot w \cdot \left(u_{1} + w\right)")]
    [InlineData("eta/sqrt(v)", @"\frac{\eta}{\sqrt{v}}")]
    [InlineData("exp(-w^2)", @"\exp\left(-w^{2}\right)")]
    public void ToLatex_WritesReadableLatex(string text, string latex)
    {
        HashSet<string> vars = ["w", "u_1", "eta", "v"];
        Assert.Equal(latex, Parse(text, vars).ToLatex());
    }

    [Theory]
    [InlineData("2*(w+", "at column 6: found the end of the answer; expected")]
    [InlineData("w +* u_1", "at column 4: found '*'; expected")]
    [InlineData("w u_1)", "at column 6: found ')'; expected an operator or the end of the answer")]
    [InlineData("2 3", "at column 3: found '3'")]
    [InlineData("w ^", "at column 4: found the end of the answer")]
    [InlineData("sqrt + w", "at column 6: found '+'; expected '(' or an argument after sqrt")]
    [InlineData("w $ 2", "at column 3: found '$'")]
    public void TryParse_ReportsColumnAndExpectation_ForMalformedInput(string text, string start) =>
        Assert.StartsWith(start, Error(text));

    [Fact]
    public void TryParse_ListsWhatWasExpected_AfterDanglingOperator() =>
        Assert.Equal("at column 4: found '*'; expected '-', '+', a number, a variable or '('", Error("w +* u_1"));

    [Theory]
    [InlineData("x", "at column 1: unknown variable 'x'; this answer may use: w, u_1, u_2")]
    [InlineData("2w + u_3", "at column 6: unknown variable 'u_3'; this answer may use: w, u_1, u_2")]
    [InlineData("W", "at column 1: unknown variable 'W' (names are case-sensitive: did you mean 'w'?); this answer may use: w, u_1, u_2")]
    [InlineData("w*wx", "at column 3: unknown variable 'wx'; this answer may use: w, u_1, u_2")]
    [InlineData("σ(w)", "at column 1: unknown variable 'σ' (for the sigmoid function write sigmoid(...)); this answer may use: w, u_1, u_2")]
    public void TryParse_NamesUnknownVariable_AndListsAllowedOnes(string text, string message) =>
        Assert.Equal(message, Error(text));

    [Fact]
    public void TryParse_RejectsAmbiguousRunTogetherNames()
    {
        HashSet<string> vars = ["a", "ab", "b", "ba"];
        Assert.Contains("'aba' can be read in more than one way", Error("aba", vars));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_RejectsEmptyAnswer(string text) =>
        Assert.Equal("the answer is empty", Error(text));

    [Theory]
    [InlineData(500, "(")]
    [InlineData(250, "-(")]
    [InlineData(249, "w^")]
    [InlineData(499, "-")]
    [InlineData(600, "w")]
    public void TryParse_ReturnsErrorWithoutThrowing_ForHostileInput(int repeat, string piece)
    {
        var text = string.Concat(Enumerable.Repeat(piece, repeat));
        var ok = FormulaParser.TryParse(text, Vars, out _, out var error);
        Assert.True(ok || error is not null);
    }

    [Theory]
    [InlineData("(", "w", ")", 240)]
    [InlineData("w^", "w", "", 240)]
    [InlineData("-", "w", "", 160)]
    public void TryParse_HandlesDeepNesting_UpToTheLengthLimit(string open, string middle, string close, int depth)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + middle + string.Concat(Enumerable.Repeat(close, depth));
        var expr = Parse(text);
        Assert.Equal(expr, Parse(expr.ToString()));
        Assert.True(double.IsFinite(expr.Evaluate(new Dictionary<string, double> { ["w"] = 1 })));
    }
}
