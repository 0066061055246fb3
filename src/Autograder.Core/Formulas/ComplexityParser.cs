using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace Autograder.Core.Formulas;

/// <summary>
/// Reads a big-O answer: <c>O(n^2 d)</c>, <c>Θ(n log n)</c>, <c>n*n*d</c>, <c>O(nd + n^2)</c>, and as LaTeX or
/// Unicode (<c>\mathcal{O}(n^2 d)</c>, <c>O(n²d)</c>, <c>\Theta(n \log n)</c>; see <see cref="TypedNotation"/>). Names match
/// declared variables ignoring case when that is unambiguous; run-together names (<c>nlogn</c>) are split when
/// there is exactly one way to. <c>log</c> (also <c>lg</c>, <c>ln</c>, <c>log2</c>, <c>log_2</c>) takes the next
/// factor: <c>log n^2</c> is log(n^2), while <c>log(n)^2</c> is (log n)^2. <c>-</c> is refused and <c>/</c> only
/// divides by a number.
/// </summary>
public static class ComplexityParser
{
    private const string LogWord = "\0log", SqrtWord = "\0sqrt";
    private const int MaxExpandedPower = 8;
    private const int MaxProducts = 1024;

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["log"] = LogWord, ["lg"] = LogWord, ["ln"] = LogWord, ["log2"] = LogWord, ["log_2"] = LogWord,
        ["log10"] = LogWord, ["log_10"] = LogWord, ["sqrt"] = SqrtWord,
    };

    /// <summary>
    /// Parses <paramref name="text"/> using only <paramref name="variables"/> into its normal form. On failure
    /// <paramref name="error"/> is a message for the student with the column; nothing is thrown for bad text.
    /// </summary>
    public static bool TryParse(
        string text,
        IReadOnlySet<string> variables,
        [NotNullWhen(true)] out Complexity? complexity,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var parser = Build(variables);
        return ParseErrors.TryRead(text, plain => parser.Parse(plain), out complexity, out error);
    }

    private abstract record Item(SourcePos Pos)
    {
        public double Exponent { get; init; } = 1;
    }

    private sealed record PolyItem(SourcePos Pos, List<ComplexityTerm> Terms, bool Parenthesized) : Item(Pos);

    private sealed record WordItem(SourcePos Pos, string Keyword) : Item(Pos);

    private static Parser<char, T> Tok<T>(Parser<char, T> p) => p.Before(SkipWhitespaces);

    private static Parser<char, char> Symbol(char c) => Tok(Char(c)).Labelled($"'{c}'");

    private static Parser<char, T> FailAt<T>(SourcePos pos, string message) => Fail<T>(ParseErrors.At(pos, message));

    private static Parser<char, Complexity> Build(IReadOnlySet<string> variables)
    {
        Parser<char, List<ComplexityTerm>>? sum = null;
        var sumRef = Rec(() => sum!);

        var number = Map((pos, _) => new List<Item> { new PolyItem(pos, [ComplexityTerm.One], false) }, CurrentPos, FormulaParser.Number);
        var group = Map((pos, terms) => new List<Item> { new PolyItem(pos, terms, true) }, CurrentPos, sumRef.Between(Symbol('('), Symbol(')')));
        var words = Map((pos, first, rest) => (Pos: pos, Text: first + rest), CurrentPos, Token(Identifiers.IsStart), Tok(Token(Identifiers.IsPart).ManyString()))
            .Labelled("a variable")
            .Bind(id => Words(id.Pos, id.Text, variables));

        var constantExponent = OneOf(
            FormulaParser.Number,
            FormulaParser.Number.Between(Symbol('('), Symbol(')')),
            FormulaParser.Number.Between(Symbol('{'), Symbol('}'))).Labelled("a constant exponent");
        var exponent = OneOf(
            Tok(Try(String("**")).Or(String("^"))).Labelled("'^'").Then(constantExponent),
            FormulaParser.Superscript.Select(s => double.Parse(s, CultureInfo.InvariantCulture)));
        var item = Map(
            (items, power) => power.HasValue ? [.. items[..^1], items[^1] with { Exponent = power.Value }] : items,
            OneOf(number, words, group),
            exponent.Optional());

        var times = Tok(OneOf('*', '·', '⋅', '×')).Labelled("'*'").Then(item);
        var divide = Symbol('/').Then(FormulaParser.Number.Labelled("a number (only division by a constant is allowed)")).ThenReturn(new List<Item>());
        var implicitTimes = Lookahead(Token(c => Identifiers.IsStart(c) || c == '(')).Then(item);
        var term = Map((first, rest) => first.Concat(rest.SelectMany(r => r)).ToList(), item, OneOf(times, divide, implicitTimes).Many())
            .Bind(Fold);

        var noMinus = OneOf(
            CurrentPos.Before(Char('-')).Bind(pos => FailAt<Unit>(pos, "'-' has no place in a big-O bound; drop lower-order terms instead")),
            Return(Unit.Value));
        sum = term.SeparatedAtLeastOnce(Symbol('+')).Before(noMinus).Select(terms => Complexity.Normalize(terms.SelectMany(t => t)));

        var wrapper = Tok(OneOf(
            Try(String("Theta")).ThenReturn(ComplexityNotation.Theta),
            Try(String("theta")).ThenReturn(ComplexityNotation.Theta),
            OneOf('Θ', 'θ').ThenReturn(ComplexityNotation.Theta),
            Char('O').ThenReturn(ComplexityNotation.BigO)));
        var end = End.Labelled("the end of the answer");
        var secondWrapper = CurrentPos.Before(Token(c => c == '+')).Bind(pos => FailAt<Unit>(pos, "put one O(...) around the whole bound, e.g. O(n^2 + n d)"));
        var wrapped = Map((notation, terms) => new Complexity(terms, notation), Try(wrapper.Before(Symbol('('))), sum.Before(Symbol(')')))
            .Before(OneOf(end, secondWrapper));
        var bare = sum.Select(terms => new Complexity(terms, ComplexityNotation.Bare)).Before(End.Labelled("an operator or the end of the answer"));

        return SkipWhitespaces.Then(OneOf(wrapped, bare));
    }

    private static string? Lookup(string word, IReadOnlySet<string> variables) =>
        variables.Contains(word) ? word
        : Keywords.TryGetValue(word, out var keyword) ? keyword
        : Identifiers.Lookup(word, variables) ?? Identifiers.LookupIgnoringCase(word, variables);

    private static Parser<char, List<Item>> Words(SourcePos pos, string raw, IReadOnlySet<string> variables)
    {
        var readings = Identifiers.Split(raw, word => Lookup(word, variables));
        if (readings.Count == 1)
        {
            return Return(readings[0].Select(w => w.Word.StartsWith('\0')
                ? (Item)new WordItem(pos, w.Word)
                : new PolyItem(pos, [ComplexityTerm.Of(w.Word, 1, 0)], false)).ToList());
        }
        if (readings.Count > 1)
        {
            return FailAt<List<Item>>(pos, $"'{raw}' can be read in more than one way; write '*' or a space between the factors");
        }
        var hint = raw is "o" ? " (write big O as a capital O)"
            : raw is "O" ? " (write the bound as O(...))"
            : raw is "Ω" or "Omega" or "omega" ? " (give an upper bound, O(...), or a tight one, Θ(...))"
            : "";
        return FailAt<List<Item>>(pos, $"unknown variable '{raw}'{hint}; this answer may use: {Identifiers.ListForStudent(variables)}");
    }

    private static Parser<char, List<ComplexityTerm>> Fold(List<Item> items)
    {
        var product = new List<ComplexityTerm> { ComplexityTerm.One };
        for (var i = 0; i < items.Count; i++)
        {
            List<ComplexityTerm> factor;
            if (items[i] is WordItem word)
            {
                var name = word.Keyword == LogWord ? "log" : "sqrt";
                if (i + 1 >= items.Count || items[i + 1] is not PolyItem argument)
                {
                    return FailAt<List<ComplexityTerm>>(word.Pos, $"{name} needs an argument such as {name} n (nested log or sqrt is not supported)");
                }
                i++;
                // log(n)^2 means (log n)^2, but log n^2 means log(n^2)
                var inner = argument.Parenthesized ? argument.Terms : Raise(argument.Terms, argument.Exponent);
                var outer = word.Exponent * (argument.Parenthesized ? argument.Exponent : 1);
                if (word.Keyword == SqrtWord)
                {
                    factor = Raise(inner, outer / 2);
                }
                else
                {
                    if (inner.Any(t => t.Factors.Any(f => f.LogPower != 0)))
                    {
                        return FailAt<List<ComplexityTerm>>(word.Pos, "a log of a log is not supported");
                    }
                    // log of a sum or product is, up to constants, the sum of the logs of its variables
                    var logs = inner.SelectMany(t => t.Factors).Select(f => f.Variable).Distinct()
                        .Select(v => ComplexityTerm.Of(v, 0, 1)).ToList();
                    factor = logs.Count == 0 ? [ComplexityTerm.One] : Raise(logs, outer);
                }
            }
            else
            {
                var poly = (PolyItem)items[i];
                factor = Raise(poly.Terms, poly.Exponent);
            }
            var next = Multiply(product, factor);
            if (next is null)
            {
                return FailAt<List<ComplexityTerm>>(items[i].Pos, "this bound has too many terms once multiplied out; simplify it");
            }
            product = next;
        }
        return Return(product);
    }

    private static List<ComplexityTerm>? Multiply(List<ComplexityTerm> a, List<ComplexityTerm> b) =>
        (long)a.Count * b.Count > MaxProducts ? null : Complexity.Normalize(a.SelectMany(x => b.Select(x.Times)));

    // a sum to a small whole power is multiplied out; otherwise (a + b)^p is Θ(a^p + b^p)
    private static List<ComplexityTerm> Raise(List<ComplexityTerm> terms, double exponent)
    {
        if (exponent == 1) return terms;
        if (terms.Count > 1 && exponent == Math.Floor(exponent) && exponent <= MaxExpandedPower)
        {
            List<ComplexityTerm>? result = [ComplexityTerm.One];
            for (var i = 0; i < exponent && result is not null; i++) result = Multiply(result, terms);
            if (result is not null) return result;
        }
        return Complexity.Normalize(terms.Select(t => t.Raised(exponent)));
    }
}
