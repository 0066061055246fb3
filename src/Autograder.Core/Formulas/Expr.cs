using System.Globalization;

namespace Autograder.Core.Formulas;

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

public enum MathFunction
{
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
    Tanh,
    Abs,
    Sigmoid,
}

/// <summary>
/// A parsed formula. <see cref="ToString"/> is the canonical form shown to the student as "understood as"
/// (explicit <c>*</c>, parentheses only where needed); it parses back to the same tree.
/// </summary>
public abstract record Expr
{
    private protected Expr() { }

    /// <summary>The value with the given variable values; NaN or infinity where the formula is undefined.</summary>
    public abstract double Evaluate(IReadOnlyDictionary<string, double> values);

    public sealed override string ToString() => ExprPrinter.Plain(this);

    public string ToLatex() => ExprPrinter.Latex(this);

    public IReadOnlySet<string> GetVariables()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(this);
        return names;

        void Collect(Expr e)
        {
            switch (e)
            {
                case Variable v: names.Add(v.Name); break;
                case Negate n: Collect(n.Operand); break;
                case Binary b: Collect(b.Left); Collect(b.Right); break;
                case Call c: Collect(c.Argument); break;
            }
        }
    }
}

public sealed record Constant(double Value) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> values) => Value;
}

public sealed record Variable(string Name) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> values) =>
        values.TryGetValue(Name, out var value) ? value : throw new ArgumentException($"no value given for variable '{Name}'", nameof(values));
}

public sealed record Negate(Expr Operand) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> values) => -Operand.Evaluate(values);
}

public sealed record Binary(BinaryOperator Operator, Expr Left, Expr Right) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> values)
    {
        var l = Left.Evaluate(values);
        var r = Right.Evaluate(values);
        return Operator switch
        {
            BinaryOperator.Add => l + r,
            BinaryOperator.Subtract => l - r,
            BinaryOperator.Multiply => l * r,
            BinaryOperator.Divide => l / r,
            BinaryOperator.Power => Math.Pow(l, r),
            _ => throw new InvalidOperationException($"unknown operator {Operator}"),
        };
    }
}

public sealed record Call(MathFunction Function, Expr Argument) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> values)
    {
        var x = Argument.Evaluate(values);
        return Function switch
        {
            MathFunction.Sqrt => Math.Sqrt(x),
            MathFunction.Exp => Math.Exp(x),
            MathFunction.Log => Math.Log(x),
            MathFunction.Sin => Math.Sin(x),
            MathFunction.Cos => Math.Cos(x),
            MathFunction.Tanh => Math.Tanh(x),
            MathFunction.Abs => Math.Abs(x),
            MathFunction.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),
            _ => throw new InvalidOperationException($"unknown function {Function}"),
        };
    }
}

internal static class ExprPrinter
{
    // binding strength: a child binding more loosely than its parent needs parentheses
    private const int Sum = 1, Product = 2, Unary = 3, Exponent = 4, Atom = 5;

    public static string FunctionName(MathFunction f) => f switch
    {
        MathFunction.Sqrt => "sqrt",
        MathFunction.Exp => "exp",
        MathFunction.Log => "log",
        MathFunction.Sin => "sin",
        MathFunction.Cos => "cos",
        MathFunction.Tanh => "tanh",
        MathFunction.Abs => "abs",
        MathFunction.Sigmoid => "sigmoid",
        _ => throw new InvalidOperationException($"unknown function {f}"),
    };

    private static int Strength(Expr e) => e switch
    {
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Sum,
        Binary { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => Product,
        Negate or Constant { Value: < 0 } => Unary,
        Binary { Operator: BinaryOperator.Power } => Exponent,
        _ => Atom,
    };

    // operators are left-associative except ^; a negation on the right of an operator is always bracketed
    private static bool LeftNeedsParens(Binary b) => b.Operator == BinaryOperator.Power
        ? Strength(b.Left) <= Exponent
        : Strength(b.Left) < Strength(b);

    private static bool RightNeedsParens(Binary b) => Strength(b.Right) == Unary || (b.Operator == BinaryOperator.Power
        ? Strength(b.Right) < Exponent
        : Strength(b.Right) <= Strength(b));

    public static string Number(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture);

    public static string Plain(Expr e) => e switch
    {
        Constant c => Number(c.Value),
        Variable v => v.Name,
        Negate n => "-" + Wrap(Plain(n.Operand), Strength(n.Operand) <= Unary),
        Binary b => Wrap(Plain(b.Left), LeftNeedsParens(b)) + b.Operator switch
        {
            BinaryOperator.Add => " + ",
            BinaryOperator.Subtract => " - ",
            BinaryOperator.Multiply => "*",
            BinaryOperator.Divide => "/",
            _ => "^",
        } + Wrap(Plain(b.Right), RightNeedsParens(b)),
        Call c => $"{FunctionName(c.Function)}({Plain(c.Argument)})",
        _ => throw new InvalidOperationException($"unknown node {e.GetType().Name}"),
    };

    public static string Latex(Expr e) => e switch
    {
        Constant c => LatexNumber(c.Value),
        Variable v => LatexName(v.Name),
        Negate n => "-" + LatexWrap(Latex(n.Operand), Strength(n.Operand) <= Unary),
        Binary { Operator: BinaryOperator.Divide } b => $"\\frac{{{Latex(b.Left)}}}{{{Latex(b.Right)}}}",
        Binary { Operator: BinaryOperator.Power } b => $"{LatexWrap(Latex(b.Left), LeftNeedsParens(b))}^{{{Latex(b.Right)}}}",
        Binary b => LatexWrap(Latex(b.Left), LeftNeedsParens(b)) + b.Operator switch
        {
            BinaryOperator.Add => " + ",
            BinaryOperator.Subtract => " - ",
            _ => " \\cdot ",
        } + LatexWrap(Latex(b.Right), RightNeedsParens(b)),
        Call { Function: MathFunction.Sqrt } c => $"\\sqrt{{{Latex(c.Argument)}}}",
        Call { Function: MathFunction.Abs } c => $"\\left|{Latex(c.Argument)}\\right|",
        Call { Function: MathFunction.Sigmoid } c => $"\\sigma\\left({Latex(c.Argument)}\\right)",
        Call c => $"\\{FunctionName(c.Function)}\\left({Latex(c.Argument)}\\right)",
        _ => throw new InvalidOperationException($"unknown node {e.GetType().Name}"),
    };

    private static string Wrap(string s, bool parens) => parens ? $"({s})" : s;

    private static string LatexWrap(string s, bool parens) => parens ? $"\\left({s}\\right)" : s;

    private static string LatexNumber(double value)
    {
        var s = Number(value);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? s : $"{s[..e]} \\times 10^{{{int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture)}}}";
    }

    private static string LatexName(string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        var stem = underscore < 0 ? name : name[..underscore];
        var latexStem = Identifiers.IsGreekName(stem) ? "\\" + stem : stem.Length > 1 ? $"\\mathit{{{stem}}}" : stem;
        return underscore < 0 ? latexStem : $"{latexStem}_{{{name[(underscore + 1)..]}}}";
    }
}
