using System.Globalization;
using Autograder.Core.Variants;
using CsvHelper;
using CsvHelper.Configuration;

namespace Autograder.Web.Staff;

/// <summary>One thing wrong in an uploaded roster: the line (1 is the header), the column and what is wrong.</summary>
public sealed record RosterProblem(int Line, string Field, string Message);

public sealed record RosterPreview(IReadOnlyList<Student> Students, IReadOnlyList<RosterProblem> Problems)
{
    public bool Clean => Problems.Count == 0 && Students.Count > 0;
}

/// <summary>
/// Reads an uploaded roster CSV (columns id, name, email in any order and case; more columns allowed) without storing
/// anything, and names every bad line and field, so that the instructor fixes them all at once.
/// </summary>
public static class RosterUpload
{
    private static readonly string[] Required = ["id", "name", "email"];

    public static RosterPreview Read(string text)
    {
        var problems = new List<RosterProblem>();
        var students = new List<Student>();
        using var reader = new StringReader(text);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader())
            return new RosterPreview([], [new RosterProblem(1, "header", "the file is empty; the first row names the columns id, name, email")]);
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            return new RosterPreview([], [.. missing.Select(c => new RosterProblem(1, c, $"no '{c}' column (the header row has: {string.Join(", ", header)})"))]);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var id = csv.GetField("id") ?? "";
            var name = csv.GetField("name") ?? "";
            var email = csv.GetField("email") ?? "";
            if (id.Length == 0 && name.Length == 0 && email.Length == 0) continue;
            var bad = false;
            void Bad(string field, string message)
            {
                problems.Add(new RosterProblem(line, field, message));
                bad = true;
            }
            if (id.Length == 0) Bad("id", "is empty");
            else if (id.IndexOfAny(['/', '\\', '\0', ' ']) >= 0 || id is "." or "..") Bad("id", $"'{id}' may not contain spaces, / or \\");
            else if (seen.TryGetValue(id, out var first)) Bad("id", $"'{id}' already appears on line {first}");
            else seen[id] = line;
            if (name.Length == 0) Bad("name", "is empty");
            if (email.Length == 0) Bad("email", "is empty");
            else if (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@')) Bad("email", $"'{email}' is not an address such as name@example.edu");
            if (!bad) students.Add(new Student(id, name, email));
        }
        if (students.Count == 0 && problems.Count == 0) problems.Add(new RosterProblem(2, "id", "the file has a header but no students"));
        return new RosterPreview(students, problems);
    }
}
