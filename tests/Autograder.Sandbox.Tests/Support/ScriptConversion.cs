namespace Autograder.Sandbox.Tests.Support;

/// <summary>Turns a file with the entry class into the C# script a student would write in a notebook cell: the class's body at top level.</summary>
public static class ScriptConversion
{
    public static string FromClass(string source, string entryClass)
    {
        var lines = source.Split('\n').ToList();
        var start = lines.FindIndex(l => l.TrimStart().StartsWith($"public static class {entryClass}", StringComparison.Ordinal));
        if (start < 0) return source;
        var open = lines.FindIndex(start, l => l.Contains('{', StringComparison.Ordinal));
        var close = lines.FindLastIndex(l => l.Trim() == "}");
        if (open < 0 || close <= open) return source;
        var body = lines.Skip(open + 1).Take(close - open - 1).Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l);
        var opening = lines[open];
        var afterBrace = opening[(opening.IndexOf('{', StringComparison.Ordinal) + 1)..];
        return string.Join('\n', lines.Take(start).Append(afterBrace).Concat(body).Concat(lines.Skip(close + 1)));
    }
}
