using System.Text;
using System.Text.RegularExpressions;

namespace Autograder.Reports.Papers;

/// <summary>Problem statements (Markdown with TeX math) and plain text turned into LaTeX.</summary>
internal static partial class Latex
{
    /// <summary>Escapes text for LaTeX's paragraph mode.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '#' => @"\#",
                '%' => @"\%",
                '&' => @"\&",
                '_' => @"\_",
                '$' => @"\$",
                '^' => @"\textasciicircum{}",
                '~' => @"\textasciitilde{}",
                '<' => @"\textless{}",
                '>' => @"\textgreater{}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Monospace text that may break after commas and spaces.</summary>
    public static string Code(string text) => $@"\texttt{{{Escape(text).Replace(",", ",\\allowbreak{}", StringComparison.Ordinal)}}}";

    /// <summary>
    /// Markdown as the bank's statements use it: paragraphs, <c>**bold**</c>, <c>`code`</c>, <c>- </c> lists (nested by
    /// indentation), numbered lines, fenced code, and <c>$…$</c> / <c>$$…$$</c> math kept as TeX.
    /// </summary>
    public static string FromMarkdown(string markdown)
    {
        var sb = new StringBuilder();
        var lines = markdown.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var inFence = false;
        var text = new StringBuilder();
        void FlushText()
        {
            if (text.Length == 0) return;
            sb.Append(Inline(text.ToString()));
            text.Clear();
        }
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                FlushText();
                sb.Append(inFence ? "\\end{verbatim}\n" : "\\begin{verbatim}\n");
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                sb.Append(line).Append('\n');
                continue;
            }
            var item = ListItem().Match(line);
            if (item.Success)
            {
                var depth = item.Groups["indent"].Value.Length / 2;
                text.Append(FormattableString.Invariant($"\n\\par\\noindent\\hspace*{{{1 + 1.5 * depth:0.#}em}}\\textbullet\\ ")).Append(item.Groups["text"].Value).Append('\n');
                continue;
            }
            if (Numbered().IsMatch(line)) text.Append("\n\\par ");
            text.Append(line).Append('\n');
        }
        FlushText();
        if (inFence) sb.Append("\\end{verbatim}\n");
        return sb.ToString().Trim();
    }

    /// <summary>Escapes text outside math; keeps <c>$…$</c> and <c>$$…$$</c> as they are. LaTeX commands inserted by the list handling survive.</summary>
    private static string Inline(string text)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf('$', i);
            if (start < 0)
            {
                sb.Append(Prose(text[i..]));
                break;
            }
            sb.Append(Prose(text[i..start]));
            var delimiter = start + 1 < text.Length && text[start + 1] == '$' ? "$$" : "$";
            var end = text.IndexOf(delimiter, start + delimiter.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                sb.Append(Prose(text[start..]));
                break;
            }
            var math = text[(start + delimiter.Length)..end];
            sb.Append(delimiter == "$$" ? $"\\[{math}\\]" : $"${math}$");
            i = end + delimiter.Length;
        }
        return sb.ToString();
    }

    private static string Prose(string text)
    {
        // The list markers put in by FromMarkdown are the only LaTeX in prose; keep them apart from escaping.
        var parts = Marker().Split(text);
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (Marker().IsMatch(part))
            {
                sb.Append(part);
                continue;
            }
            var escaped = Escape(part);
            escaped = Bold().Replace(escaped, m => $@"\textbf{{{m.Groups[1].Value}}}");
            escaped = Tick().Replace(escaped, m => $@"\texttt{{{m.Groups[1].Value}}}");
            sb.Append(escaped);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(?<indent> *)[-*] (?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\d+\. ")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"(\n\\par\\noindent\\hspace\*\{[0-9.]+em\}\\textbullet\\ |\n\\par )")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Tick();
}
