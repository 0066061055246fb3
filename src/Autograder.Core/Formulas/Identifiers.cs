using System.Collections.Frozen;

namespace Autograder.Core.Formulas;

/// <summary>Turning what a student typed as a name (<c>eta</c>, <c>η</c>, <c>u1</c>, <c>wd</c>) into declared variable names.</summary>
internal static class Identifiers
{
    private static readonly FrozenDictionary<char, string> GreekNames = new Dictionary<char, string>
    {
        ['α'] = "alpha", ['β'] = "beta", ['γ'] = "gamma", ['δ'] = "delta", ['ε'] = "epsilon", ['ϵ'] = "epsilon",
        ['ζ'] = "zeta", ['η'] = "eta", ['θ'] = "theta", ['κ'] = "kappa", ['λ'] = "lambda", ['μ'] = "mu",
        ['ν'] = "nu", ['ξ'] = "xi", ['π'] = "pi", ['ρ'] = "rho", ['σ'] = "sigma", ['τ'] = "tau",
        ['φ'] = "phi", ['ϕ'] = "phi", ['χ'] = "chi", ['ψ'] = "psi", ['ω'] = "omega",
        // the micro sign, which some keyboards give for mu
        ['µ'] = "mu",
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> GreekNameSet = GreekNames.Values.ToFrozenSet();

    public const int MaxAnswerLength = 500;

    public static bool IsStart(char c) => char.IsLetter(c);

    public static bool IsPart(char c) => char.IsLetter(c) || char.IsAsciiDigit(c) || c == '_';

    public static bool IsGreekName(string name) => GreekNameSet.Contains(name);

    /// <summary>The declared name <paramref name="word"/> stands for, or null: exact, Greek letter for its name or back, <c>u1</c> for <c>u_1</c> and back, <c>β1</c> for <c>beta_1</c>.</summary>
    public static string? Lookup(string word, IReadOnlySet<string> variables)
    {
        if (variables.Contains(word)) return word;
        if (word.Length == 1 && GreekNames.TryGetValue(word[0], out var name) && variables.Contains(name)) return name;
        foreach (var (letter, letterName) in GreekNames)
        {
            if (letterName == word && variables.Contains(letter.ToString())) return letter.ToString();
        }
        // β1 or β_1 for a declared beta_1: spell the letter out and look again
        if (word.Length > 1 && GreekNames.TryGetValue(word[0], out var spelled) && Lookup(spelled + word[1..], variables) is { } named) return named;
        var digits = word.Length;
        while (digits > 0 && char.IsAsciiDigit(word[digits - 1])) digits--;
        if (digits > 0 && digits < word.Length && word[digits - 1] != '_')
        {
            var subscripted = word[..digits] + "_" + word[digits..];
            if (variables.Contains(subscripted)) return subscripted;
        }
        // u_1 for a declared u1
        if (word.Contains('_', StringComparison.Ordinal) && word[0] != '_' && variables.Contains(word.Replace("_", "", StringComparison.Ordinal)))
            return word.Replace("_", "", StringComparison.Ordinal);
        return null;
    }

    /// <summary>The declared name that differs from <paramref name="word"/> only in case, when there is exactly one.</summary>
    public static string? LookupIgnoringCase(string word, IReadOnlySet<string> variables)
    {
        string? found = null;
        foreach (var v in variables)
        {
            if (!string.Equals(v, word, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null) return null;
            found = v;
        }
        return found;
    }

    /// <summary>
    /// Ways to read <paramref name="raw"/> as adjacent words (<c>wd</c> as <c>w</c> <c>d</c>), at most two, so a
    /// caller can tell none, exactly one and ambiguous apart. Each word is (what was typed, what it stands for).
    /// </summary>
    public static List<List<(string Typed, string Word)>> Split(string raw, Func<string, string?> lookup)
    {
        var found = new List<List<(string, string)>>();
        var deadEnds = new HashSet<int>();
        var path = new List<(string, string)>();
        Walk(0);
        return found;

        bool Walk(int start)
        {
            if (start == raw.Length)
            {
                found.Add([.. path]);
                return true;
            }
            if (deadEnds.Contains(start)) return false;
            var any = false;
            for (var end = start + 1; end <= raw.Length && found.Count < 2; end++)
            {
                if (lookup(raw[start..end]) is not { } word) continue;
                path.Add((raw[start..end], word));
                any |= Walk(end);
                path.RemoveAt(path.Count - 1);
            }
            if (!any) deadEnds.Add(start);
            return any;
        }
    }

    public static string ListForStudent(IReadOnlySet<string> variables) =>
        variables.Count == 0 ? "no variables" : string.Join(", ", variables);
}
