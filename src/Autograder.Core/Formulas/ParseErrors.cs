using System.Diagnostics.CodeAnalysis;
using Pidgin;

namespace Autograder.Core.Formulas;

/// <summary>Pidgin's errors rewritten for students: where (column), what was found, what would have fit.</summary>
internal static class ParseErrors
{
    public static string Describe(ParseError<char> error)
    {
        // our own Fail(...) messages already say where
        if (error.Message is { } message) return message;

        var found = error.EOF ? "the end of the answer"
            : error.Unexpected.HasValue ? Quote(error.Unexpected.Value)
            : "something unexpected";
        var expected = error.Expected
            .Select(e => e.Label ?? (e.Tokens.IsDefault ? "the end of the answer" : $"'{string.Concat(e.Tokens)}'"))
            .Distinct()
            .ToList();
        var tail = expected.Count == 0 ? "" : $"; expected {JoinOr(expected)}";
        return $"at column {error.ErrorPos.Col}: found {found}{tail}";
    }

    public static string At(SourcePos pos, string what) => $"at column {pos.Col}: {what}";

    public static string AtIndex(int index, string what) => $"at column {index + 1}: {what}";

    /// <summary>
    /// Rewrites what was typed into the readers' notation and runs <paramref name="parse"/> on it; an error, the
    /// reader's or the rewriting's, gives the column in what was typed.
    /// </summary>
    public static bool TryRead<T>(string text, Func<string, Result<char, T>> parse, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class
    {
        value = default;
        error = CheckShape(text);
        if (error is not null) return false;
        if (!TypedNotation.TryRead(text, out var notation, out error)) return false;
        var plain = notation.Text;
        if (string.IsNullOrWhiteSpace(plain))
        {
            error = "the answer is empty";
            return false;
        }
        var result = parse(plain);
        if (result.Success)
        {
            value = result.Value;
            return true;
        }
        error = notation.Locate(Describe(result.Error!));
        return false;
    }

    public static string? CheckShape(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "the answer is empty";
        if (text.Length > Identifiers.MaxAnswerLength) return $"the answer is too long (over {Identifiers.MaxAnswerLength} characters)";
        return null;
    }

    private static string Quote(char c) => char.IsWhiteSpace(c) ? "a space" : $"'{c}'";

    private static string JoinOr(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
}
