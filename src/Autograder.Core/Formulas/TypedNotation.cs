using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Autograder.Core.Formulas;

/// <summary>
/// What students type or paste, rewritten into the plain notation the formula and big-O readers parse: LaTeX
/// (<c>\frac{a}{b}</c>, <c>\sqrt{d}</c>, <c>\eta</c>, <c>\beta_{2}</c>, <c>\cdot</c>, <c>\left( \right)</c>, <c>{}</c>
/// groups), Unicode sub- and superscripts (<c>u₁</c>, <c>σ²</c>), <c>√</c> and math italic letters. Each character
/// of <see cref="Text"/> remembers where it came from, so an error points into what the student typed.
/// </summary>
internal sealed partial class TypedNotation
{
    private static readonly Dictionary<string, string> Letters = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε",
        ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ",
        ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["varrho"] = "ρ",
        ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "φ", ["varphi"] = "φ", ["chi"] = "χ",
        ["psi"] = "ψ", ["omega"] = "ω",
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π",
        ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
    };

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal) { "exp", "log", "ln", "lg", "sin", "cos", "tanh" };

    // their argument is a name or a label: the braces go, the content stays
    private static readonly HashSet<string> Styles = new(StringComparer.Ordinal)
    {
        "mathrm", "mathit", "mathbf", "mathsf", "mathcal", "boldsymbol", "bm", "text", "textrm", "textit", "operatorname",
    };

    private static readonly HashSet<string> Spaces = new(StringComparer.Ordinal) { ",", ";", ":", "!", " ", "quad", "qquad", "(", ")", "[", "]" };

    private static readonly HashSet<string> Sizes = new(StringComparer.Ordinal) { "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr" };

    private readonly string _typed;
    private int _end;
    private readonly StringBuilder _text = new();
    private readonly List<int> _origins = [];
    private bool _separate;

    private TypedNotation(string typed) => _typed = typed;

    /// <summary>The rewritten text, in the readers' plain notation.</summary>
    public string Text => _text.ToString();

    /// <summary>
    /// Rewrites <paramref name="typed"/>; on failure <paramref name="error"/> says at which column of the typed text
    /// and what was not understood (an unknown command, an unclosed brace).
    /// </summary>
    public static bool TryRead(string typed, [NotNullWhen(true)] out TypedNotation? notation, [NotNullWhen(false)] out string? error)
    {
        var reader = new TypedNotation(typed);
        var end = typed.Length;
        var start = 0;
        // $...$ around the whole answer, as pasted from a LaTeX document
        if (typed.Trim() is { Length: >= 2 } trimmed && trimmed[0] == '$' && trimmed[^1] == '$')
        {
            start = typed.IndexOf('$', StringComparison.Ordinal);
            end = typed.LastIndexOf('$');
            while (start + 1 < end && typed[start + 1] == '$') start++;
            while (end - 1 > start && typed[end - 1] == '$') end--;
            start++;
        }
        reader._end = end;
        try
        {
            var i = start;
            reader.Sequence(ref i, end, closer: null);
            notation = reader;
            error = null;
            return true;
        }
        catch (NotationException e)
        {
            notation = null;
            error = ParseErrors.AtIndex(e.Index, e.Message);
            return false;
        }
    }

    /// <summary>Rewrites the leading "at column N" of a reader's error, N counted in <see cref="Text"/>, into the typed text's column.</summary>
    public string Locate(string message)
    {
        var match = LeadingColumn().Match(message);
        if (!match.Success) return message;
        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        var typed = index >= 0 && index < _origins.Count ? _origins[index] : _end;
        return string.Concat(ParseErrors.AtIndex(typed, ""), message.AsSpan(match.Length));
    }

    [GeneratedRegex(@"^at column (\d+): ")]
    private static partial Regex LeadingColumn();

    private sealed class NotationException(int index, string message) : Exception(message)
    {
        public int Index { get; } = index;
    }

    private void Emit(string s, int origin)
    {
        foreach (var c in s)
        {
            _text.Append(c);
            _origins.Add(origin);
        }
    }

    // a word from a command (\eta, \log) never runs into a name next to it
    private void Word(string word, int origin)
    {
        if (_text.Length > 0 && Identifiers.IsPart(_text[^1])) Emit(" ", origin);
        Emit(word, origin);
        _separate = true;
    }

    private void Sequence(ref int i, int end, char? closer)
    {
        var open = i - 1;
        while (i < end)
        {
            if (closer is { } c && _typed[i] == c)
            {
                i++;
                return;
            }
            Unit(ref i, end);
        }
        if (closer is { } missing) throw new NotationException(open, $"'{_typed[open]}' is never closed; expected '{missing}'");
    }

    private void Unit(ref int i, int end)
    {
        var c = _typed[i];
        var separate = _separate;
        _separate = false;
        switch (c)
        {
            case '\\':
                Command(ref i, end);
                return;
            case '{':
                Group(ref i, end, "(", ")");
                return;
            case '}':
                throw new NotationException(i, "'}' without a matching '{'");
            case '_':
                Emit("_", i++);
                Subscript(ref i, end);
                return;
            case '√':
                Word("sqrt", i++);
                return;
            case '÷':
                Emit("/", i++);
                return;
            case '∗':
                Emit("*", i++);
                return;
            case '–' or '—':
                Emit("-", i++);
                return;
            case '[':
                Emit("(", i++);
                return;
            case ']':
                Emit(")", i++);
                return;
        }
        if (char.IsWhiteSpace(c))
        {
            Emit(" ", i++);
            return;
        }
        if (SubscriptChar(c) is not null)
        {
            if (_text.Length == 0 || _text[^1] != '_') Emit("_", i);
            while (i < end && SubscriptChar(_typed[i]) is { } s) Emit(s.ToString(), i++);
            return;
        }
        if (SuperscriptChar(c) is not null)
        {
            Emit("^(", i);
            var first = i;
            while (i < end && SuperscriptChar(_typed[i]) is { } s) Emit(s.ToString(), i++);
            Emit(")", first);
            return;
        }
        if (char.IsHighSurrogate(c) && i + 1 < end && MathLetter(char.ConvertToUtf32(c, _typed[i + 1])) is { } letter)
        {
            if (separate) Emit(" ", i);
            Emit(letter, i);
            i += 2;
            return;
        }
        if (separate && Identifiers.IsPart(c) && c != '_') Emit(" ", i);
        Emit(c switch { 'ℓ' => "l", 'ℎ' => "h", _ => c.ToString() }, i++);
    }

    // {content} as a group written with parentheses; {} alone is nothing
    private void Group(ref int i, int end, string open, string close)
    {
        var at = i;
        var inner = i + 1;
        while (inner < end && char.IsWhiteSpace(_typed[inner])) inner++;
        if (inner < end && _typed[inner] == '}')
        {
            i = inner + 1;
            return;
        }
        Emit(open, at);
        i++;
        Sequence(ref i, end, '}');
        Emit(close, i - 1);
    }

    // one argument of a command: {a group}, or else a single character or command, as LaTeX reads it
    private void Argument(ref int i, int end, int command, string name, string open = "(", string close = ")")
    {
        while (i < end && char.IsWhiteSpace(_typed[i])) i++;
        if (i >= end || _typed[i] == '}') throw new NotationException(command, $"\\{name} needs an argument, e.g. \\{name}{{x}}");
        if (_typed[i] == '{')
        {
            var before = _text.Length;
            Group(ref i, end, open, close);
            if (_text.Length == before) throw new NotationException(command, $"\\{name} needs an argument, e.g. \\{name}{{x}}");
            return;
        }
        Emit(open, i);
        Unit(ref i, end);
        Emit(close, i - 1);
    }

    // u_1, u_{12}, β_{2}: the subscript joins the name, so it may hold only letters and digits
    private void Subscript(ref int i, int end)
    {
        if (i >= end || _typed[i] != '{') return;
        var close = _typed.IndexOf('}', i);
        if (close < 0 || close >= end) throw new NotationException(i, "'{' is never closed; expected '}'");
        for (var k = i + 1; k < close; k++)
        {
            var ch = _typed[k];
            if (char.IsWhiteSpace(ch)) continue;
            if (!char.IsLetterOrDigit(ch)) throw new NotationException(k, $"a subscript may hold only letters and digits, not '{ch}'");
            Emit(ch.ToString(), k);
        }
        i = close + 1;
    }

    private void Command(ref int i, int end)
    {
        var at = i;
        i++;
        if (i >= end) throw new NotationException(at, "a '\\' with no command after it");
        var nameStart = i;
        if (char.IsAsciiLetter(_typed[i]))
        {
            while (i < end && char.IsAsciiLetter(_typed[i])) i++;
        }
        else
        {
            i++;
        }
        var name = _typed[nameStart..i];

        if (Letters.TryGetValue(name, out var letter)) Word(letter, at);
        else if (FunctionWords.Contains(name)) Word(name, at);
        else if (name is "cdot" or "times" or "ast") Emit("*", at);
        else if (name is "div") Emit("/", at);
        else if (name is "{") Emit("(", at);
        else if (name is "}") Emit(")", at);
        else if (Spaces.Contains(name)) Emit(" ", at);
        else if (Sizes.Contains(name)) Delimiter(ref i, end, at, name);
        else if (name is "frac" or "dfrac" or "tfrac")
        {
            Emit("(", at);
            Argument(ref i, end, at, name);
            Emit("/", at);
            Argument(ref i, end, at, name);
            Emit(")", at);
        }
        else if (name is "sqrt")
        {
            while (i < end && char.IsWhiteSpace(_typed[i])) i++;
            if (i < end && _typed[i] == '[')
            {
                // \sqrt[n]{x} is (x)^(1/(n)): read n aside, then x, then put n after it
                Emit("(", at);
                var mark = _text.Length;
                i++;
                Sequence(ref i, end, ']');
                var degree = _text.ToString(mark, _text.Length - mark);
                var degreeOrigins = _origins.GetRange(mark, _origins.Count - mark);
                _text.Length = mark;
                _origins.RemoveRange(mark, _origins.Count - mark);
                Argument(ref i, end, at, name);
                Emit("^(1/(", at);
                _text.Append(degree);
                _origins.AddRange(degreeOrigins);
                Emit(")))", at);
                return;
            }
            Word("sqrt", at);
            _separate = false;
            Argument(ref i, end, at, name);
        }
        else if (Styles.Contains(name))
        {
            if (_text.Length > 0 && Identifiers.IsPart(_text[^1])) Emit(" ", at);
            Argument(ref i, end, at, name, open: "", close: "");
            _separate = true;
        }
        else
        {
            throw new NotationException(at, $"'\\{name}' is not something this answer can use");
        }
    }

    // \left( \right) and their sizes: the bracket alone; \left| ... \right| is abs(...); \left. is nothing
    private void Delimiter(ref int i, int end, int at, string size)
    {
        while (i < end && char.IsWhiteSpace(_typed[i])) i++;
        if (i >= end) throw new NotationException(at, $"\\{size} needs a bracket after it, e.g. \\{size}(");
        var opening = size is "left" || size.EndsWith('l');
        var c = _typed[i];
        if (c == '\\' && i + 1 < end && _typed[i + 1] is '{' or '}')
        {
            Emit(_typed[i + 1] == '{' ? "(" : ")", at);
            i += 2;
            return;
        }
        i++;
        switch (c)
        {
            case '(' or '[':
                Emit("(", at);
                break;
            case ')' or ']':
                Emit(")", at);
                break;
            case '|':
                if (opening) Word("abs", at);
                _separate = false;
                Emit(opening ? "(" : ")", at);
                break;
            case '.':
                break;
            default:
                throw new NotationException(i - 1, $"\\{size} needs a bracket after it, e.g. \\{size}(");
        }
    }

    private static char? SubscriptChar(char c) => c switch
    {
        >= '₀' and <= '₉' => (char)('0' + (c - '₀')),
        'ₐ' => 'a', 'ₑ' => 'e', 'ₒ' => 'o', 'ₓ' => 'x', 'ₕ' => 'h', 'ₖ' => 'k', 'ₗ' => 'l', 'ₘ' => 'm', 'ₙ' => 'n',
        'ₚ' => 'p', 'ₛ' => 's', 'ₜ' => 't', 'ᵢ' => 'i', 'ⱼ' => 'j', 'ᵣ' => 'r', 'ᵤ' => 'u', 'ᵥ' => 'v',
        _ => null,
    };

    private static char? SuperscriptChar(char c) => c switch
    {
        '⁰' => '0', '¹' => '1', '²' => '2', '³' => '3', '⁴' => '4', '⁵' => '5', '⁶' => '6', '⁷' => '7', '⁸' => '8', '⁹' => '9',
        '⁻' => '-', '⁺' => '+', 'ⁿ' => 'n', 'ⁱ' => 'i', 'ᵈ' => 'd', 'ᵏ' => 'k', 'ᵀ' => 'T',
        _ => null,
    };

    // Mathematical Alphanumeric Symbols (𝑤, 𝐱, 𝜂) as pasted from a typeset document: the plain letter
    private static string? MathLetter(int codePoint)
    {
        if (codePoint is >= 0x1D400 and <= 0x1D6A3)
        {
            var k = (codePoint - 0x1D400) % 52;
            return ((char)(k < 26 ? 'A' + k : 'a' + k - 26)).ToString();
        }
        if (codePoint is >= 0x1D6A8 and <= 0x1D7C9)
        {
            var k = (codePoint - 0x1D6A8) % 58;
            return k switch
            {
                < 25 => ((char)('Α' + k)).ToString(),
                >= 26 and < 51 => ((char)('α' + k - 26)).ToString(),
                52 => "ε",
                53 => "θ",
                55 => "φ",
                56 => "ρ",
                _ => null,
            };
        }
        if (codePoint is >= 0x1D7CE and <= 0x1D7FF) return ((char)('0' + (codePoint - 0x1D7CE) % 10)).ToString();
        return null;
    }
}
