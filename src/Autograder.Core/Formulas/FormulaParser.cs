using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pidgin;
using Pidgin.Expression;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace Autograder.Core.Formulas;

/// <summary>
/// Reads a student's formula such as <c>2w(u_1 + w)</c>, <c>eta*lambda</c> or <c>sqrt(σ^2 + 1e-8)</c>, also written in
/// LaTeX or with Unicode (<c>\frac{\eta}{\sqrt{v}}</c>, <c>3w^2u_1</c>, <c>σ²</c>, <c>√d</c>; see <see cref="TypedNotation"/>).
/// A function takes a parenthesized argument or else the next factor with its exponent: <c>sqrt d^2</c> is sqrt(d^2).
/// Implicit multiplication has the same precedence as <c>*</c> and <c>/</c> and is left-associative, so
/// <c>1/2w</c> is <c>(1/2)*w</c>; <c>^</c> and <c>**</c> are right-associative and bind tighter than unary minus.
/// </summary>
public static class FormulaParser
{
    private static readonly Dictionary<string, MathFunction> Functions = new(StringComparer.Ordinal)
    {
        ["sqrt"] = MathFunction.Sqrt,
        ["exp"] = MathFunction.Exp,
        ["log"] = MathFunction.Log,
        ["ln"] = MathFunction.Log,
        ["sin"] = MathFunction.Sin,
        ["cos"] = MathFunction.Cos,
        ["tanh"] = MathFunction.Tanh,
        ["abs"] = MathFunction.Abs,
        ["sigmoid"] = MathFunction.Sigmoid,
    };

    /// <summary>
    /// Parses <paramref name="text"/> using only <paramref name="variables"/>. On failure <paramref name="error"/>
    /// is a message for the student saying what was expected and at which column; nothing is thrown for bad text.
    /// </summary>
    public static bool TryParse(
        string text,
        IReadOnlySet<string> variables,
        [NotNullWhen(true)] out Expr? expr,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var parser = ForVariables(variables);
        return ParseErrors.TryRead(text, plain => parser.Parse(plain), out expr, out error);
    }

    private static Parser<char, T> Tok<T>(Parser<char, T> p) => p.Before(SkipWhitespaces);

    private static Parser<char, char> Symbol(char c) => Tok(Char(c)).Labelled($"'{c}'");

    private static Parser<char, char> Symbol(string label, params char[] alternatives) => Tok(OneOf(alternatives)).Labelled(label);

    private static Parser<char, Func<Expr, Expr, Expr>> BinaryOp(Parser<char, char> symbol, BinaryOperator op) =>
        symbol.ThenReturn<Func<Expr, Expr, Expr>>((l, r) => new Binary(op, l, r));

    internal static readonly Parser<char, double> Number = Tok(
        Token(char.IsAsciiDigit).SkipAtLeastOnce()
            .Then(Char('.').Then(Token(char.IsAsciiDigit).SkipMany()).Optional()).IgnoreResult()
            .Or(Char('.').Then(Token(char.IsAsciiDigit).SkipAtLeastOnce()))
            // Try: in 2eta the e is a variable, not an exponent
            .Then(Try(OneOf('e', 'E').Then(OneOf('+', '-').Optional()).Then(Token(char.IsAsciiDigit).SkipAtLeastOnce())).Optional())
            .MapWithInput((span, _) => double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture)))
        .Labelled("a number");

    internal static readonly Parser<char, string> Superscript = Tok(Token(c => SuperscriptDigit(c) >= 0).AtLeastOnceString())
        .Select(s => string.Concat(s.Select(c => (char)('0' + SuperscriptDigit(c)))));

    internal static int SuperscriptDigit(char c) => c switch
    {
        '⁰' => 0, '¹' => 1, '²' => 2, '³' => 3, '⁴' => 4, '⁵' => 5, '⁶' => 6, '⁷' => 7, '⁸' => 8, '⁹' => 9,
        _ => -1,
    };

    // peeked, not consumed: a run-together name such as wd is then consumed one word at a time
    internal static readonly Parser<char, (SourcePos Pos, string Text)> PeekIdentifier = Lookahead(Map(
        (pos, first, rest) => (pos, first + rest),
        CurrentPos,
        Token(Identifiers.IsStart),
        Token(Identifiers.IsPart).ManyString()));

    // Building the grammar costs far more than a parse; a part's variable set is fixed, so build each set once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Parser<char, Expr>> Built = new(StringComparer.Ordinal);

    private static Parser<char, Expr> ForVariables(IReadOnlySet<string> variables) =>
        Built.GetOrAdd(string.Join('\n', variables.Order(StringComparer.Ordinal)), _ => Build(variables));

    private static Parser<char, Expr> Build(IReadOnlySet<string> variables)
    {
        Parser<char, Expr>? expression = null;
        Parser<char, Expr>? unary = null;
        Parser<char, Expr>? power = null;
        var expressionRef = Rec(() => expression!);
        var unaryRef = Rec(() => unary!);
        var powerRef = Rec(() => power!);

        var number = Number.Select(v => (Expr)new Constant(v));
        var parenthesized = expressionRef.Between(Symbol('('), Symbol(')'));
        var name = PeekIdentifier.Labelled("a variable").Bind(id => Resolve(id.Pos, id.Text, variables, expressionRef, powerRef));
        var atom = OneOf(number, name, parenthesized);

        var exponent = OneOf(
            Tok(Try(String("**")).Or(String("^"))).Labelled("'^'").Then(unaryRef),
            Superscript.Select(digits => (Expr)new Constant(double.Parse(digits, CultureInfo.InvariantCulture))));
        power = Map((b, e) => e.HasValue ? new Binary(BinaryOperator.Power, b, e.Value) : b, atom, exponent.Optional());
        unary = OneOf(
            Symbol("'-'", '-', '−').Then(unaryRef).Select(e => (Expr)new Negate(e)),
            Symbol('+').Then(unaryRef),
            power);

        // implicit multiplication: a name or '(' right after a factor; a digit there is more likely a typo
        var implicitTimes = Lookahead(Token(c => Identifiers.IsStart(c) || c == '(')).Labelled("an operator")
            .ThenReturn<Func<Expr, Expr, Expr>>((l, r) => new Binary(BinaryOperator.Multiply, l, r));

        expression = ExpressionParser.Build(unary, [
            Operator.InfixL(BinaryOp(Symbol("an operator", '*', '·', '⋅', '×'), BinaryOperator.Multiply))
                .And(Operator.InfixL(BinaryOp(Symbol("an operator", '/'), BinaryOperator.Divide)))
                .And(Operator.InfixL(implicitTimes)),
            Operator.InfixL(BinaryOp(Symbol("an operator", '+'), BinaryOperator.Add))
                .And(Operator.InfixL(BinaryOp(Symbol("an operator", '-', '−'), BinaryOperator.Subtract))),
        ]);

        return SkipWhitespaces.Then(expression).Before(End.Labelled("an operator or the end of the answer"));
    }

    private static Parser<char, Expr> Resolve(SourcePos pos, string raw, IReadOnlySet<string> variables, Parser<char, Expr> expression, Parser<char, Expr> factor)
    {
        var consume = Tok(String(raw));
        if (Identifiers.Lookup(raw, variables) is { } declared) return consume.ThenReturn<Expr>(new Variable(declared));

        if (Functions.TryGetValue(raw, out var function))
        {
            return consume.Then(OneOf(
                    expression.Between(Symbol('('), Symbol(')')),
                    factor.Labelled($"an argument after {raw}")))
                .Select(arg => (Expr)new Call(function, arg));
        }

        var readings = Identifiers.Split(raw, word => Identifiers.Lookup(word, variables));
        if (readings.Count == 1)
        {
            var (typed, word) = readings[0][0];
            return Tok(String(typed)).ThenReturn<Expr>(new Variable(word));
        }
        if (readings.Count > 1)
        {
            return consume.Then(Fail<Expr>(ParseErrors.At(pos,
                $"'{raw}' can be read in more than one way as a product of {Identifiers.ListForStudent(variables)}; write '*' between the factors")));
        }

        var hint = Identifiers.LookupIgnoringCase(raw, variables) is { } other ? $" (names are case-sensitive: did you mean '{other}'?)"
            : raw is "σ" ? " (for the sigmoid function write sigmoid(...))"
            : "";
        return consume.Then(Fail<Expr>(ParseErrors.At(pos,
            $"unknown variable '{raw}'{hint}; this answer may use: {Identifiers.ListForStudent(variables)}")));
    }
}
