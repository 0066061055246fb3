using System.Globalization;
using System.Text;

namespace Autograder.Reports.Documents;

/// <summary>
/// Formulas as boxes: a small reader for the notation students and problem files use (<c>σ^2 (1-a)/a</c>,
/// <c>x_{t-1}</c>, <c>sqrt(d)</c>, <c>\frac{a}{b}</c>, <c>lambda</c>) and a layout that stacks fractions and raises
/// or lowers scripts. Anything it cannot read is shown as the text it was given.
/// </summary>
internal abstract record MathBox
{
    public static MathBox Parse(string source)
    {
        try
        {
            var reader = new FormulaReader(Tokenize(source));
            var box = reader.Sequence(stopAt: null);
            return reader.AtEnd ? box : new MathText(source);
        }
        catch (FormatException)
        {
            return new MathText(source);
        }
    }

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["eps"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π",
        ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["phi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω",
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Sigma"] = "Σ", ["Pi"] = "Π", ["Phi"] = "Φ",
        ["Psi"] = "Ψ", ["Omega"] = "Ω", ["inf"] = "∞", ["infty"] = "∞", ["infinity"] = "∞", ["cdot"] = "·", ["times"] = "×",
        ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥", ["geq"] = "≥", ["neq"] = "≠", ["partial"] = "∂", ["nabla"] = "∇", ["sum"] = "∑",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["<="] = "≤", [">="] = "≥", ["!="] = "≠", ["->"] = "→", ["*"] = "·", ["-"] = "−",
    };

    private static List<string> Tokenize(string source)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsLetter(c) || c == '\\')
            {
                i++;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '\'')) i++;
            }
            else if (char.IsDigit(c) || c == '.' && i + 1 < source.Length && char.IsDigit(source[i + 1]))
            {
                while (i < source.Length && (char.IsDigit(source[i]) || source[i] == '.')) i++;
                if (i < source.Length && source[i] is 'e' or 'E' && i + 1 < source.Length && (char.IsDigit(source[i + 1]) || source[i + 1] == '-'))
                {
                    i += 2;
                    while (i < source.Length && char.IsDigit(source[i])) i++;
                }
            }
            else if (i + 1 < source.Length && Operators.ContainsKey(source.Substring(i, 2)))
            {
                i += 2;
            }
            else
            {
                i += char.IsSurrogatePair(source, i) ? 2 : 1;
            }
            tokens.Add(source[start..i]);
        }
        return tokens;
    }

    private sealed class FormulaReader(List<string> tokens)
    {
        private int position;
        public bool AtEnd => position >= tokens.Count;
        private string? Peek => position < tokens.Count ? tokens[position] : null;

        public MathBox Sequence(string? stopAt)
        {
            var items = new List<MathBox>();
            while (Peek is { } token && token != stopAt)
            {
                if (token is ")" or "}" ) throw new FormatException("unbalanced");
                var item = Postfix();
                while (Peek == "/")
                {
                    position++;
                    item = new MathFraction(Strip(item), Strip(Postfix()));
                }
                items.Add(item);
            }
            return items.Count == 1 ? items[0] : new MathRow(items);
        }

        private MathBox Postfix()
        {
            var item = Atom();
            MathBox? sup = null, sub = null;
            while (Peek is "^" or "_")
            {
                var up = tokens[position++] == "^";
                var script = Strip(Atom());
                if (up) sup = script; else sub = script;
            }
            return sup is null && sub is null ? item : new MathScripts(item, sup, sub);
        }

        private MathBox Atom()
        {
            var token = Peek ?? throw new FormatException("missing operand");
            position++;
            switch (token)
            {
                case "(": return Group("(", ")");
                case "[": return Group("[", "]");
                case "{":
                {
                    var inner = Sequence("}");
                    Expect("}");
                    return new MathGroup(inner);
                }
                case "\\frac":
                {
                    var num = Atom();
                    var den = Atom();
                    return new MathFraction(Strip(num), Strip(den));
                }
                case "sqrt" or "\\sqrt":
                    return new MathRoot(Strip(Atom()));
            }
            var name = token.TrimStart('\\');
            if (Symbols.TryGetValue(name, out var symbol)) return new MathText(symbol);
            if (Operators.TryGetValue(token, out var op)) return new MathOperator(op);
            if (token is "+" or "=" or "<" or ">" or "≤" or "≥" or "≠" or "→" or "·" or "×" or "±") return new MathOperator(token);
            if (token is "^" or "_" or "/") throw new FormatException("dangling operator");
            return new MathText(token);
        }

        private MathParens Group(string open, string close)
        {
            var inner = Sequence(close);
            Expect(close);
            return new MathParens(open, inner, close);
        }

        private void Expect(string token)
        {
            if (Peek != token) throw new FormatException($"expected {token}");
            position++;
        }

        /// <summary>Parentheses around a fraction's operand or a script are grouping only: <c>(1-a)/a</c>, <c>x^(n+1)</c>.</summary>
        private static MathBox Strip(MathBox box) => box switch
        {
            MathParens { Open: "(" } p => p.Inner,
            MathGroup g => g.Inner,
            _ => box,
        };
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        Flatten(this, text);
        return text.ToString();
    }

    private static void Flatten(MathBox box, StringBuilder text)
    {
        switch (box)
        {
            case MathText t: text.Append(t.Text); break;
            case MathOperator o: text.Append(' ').Append(o.Text).Append(' '); break;
            case MathRow r: foreach (var i in r.Items) Flatten(i, text); break;
            case MathGroup g: Flatten(g.Inner, text); break;
            case MathParens p: text.Append(p.Open); Flatten(p.Inner, text); text.Append(p.Close); break;
            case MathScripts s:
                Flatten(s.Base, text);
                if (s.Sub is not null) { text.Append('_'); Flatten(s.Sub, text); }
                if (s.Sup is not null) { text.Append('^'); Flatten(s.Sup, text); }
                break;
            case MathFraction f: text.Append('('); Flatten(f.Numerator, text); text.Append(")/("); Flatten(f.Denominator, text); text.Append(')'); break;
            case MathRoot q: text.Append("√("); Flatten(q.Inner, text); text.Append(')'); break;
            default: text.Append(box.GetType().Name); break;
        }
    }

    internal static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

internal sealed record MathText(string Text) : MathBox;
internal sealed record MathOperator(string Text) : MathBox;
internal sealed record MathRow(IReadOnlyList<MathBox> Items) : MathBox;
internal sealed record MathGroup(MathBox Inner) : MathBox;
internal sealed record MathParens(string Open, MathBox Inner, string Close) : MathBox;
internal sealed record MathScripts(MathBox Base, MathBox? Sup, MathBox? Sub) : MathBox;
internal sealed record MathFraction(MathBox Numerator, MathBox Denominator) : MathBox;
internal sealed record MathRoot(MathBox Inner) : MathBox;
