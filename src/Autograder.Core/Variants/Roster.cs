using System.Globalization;
using Autograder.Core.Inputs;
using CsvHelper;
using CsvHelper.Configuration;

namespace Autograder.Core.Variants;

public sealed record Student(string Id, string Name, string Email);

/// <summary>A roster CSV: a header row with at least <c>id</c>, <c>name</c> and <c>email</c> (any order, any case, more columns allowed).</summary>
public static class Roster
{
    private static readonly string[] Required = ["id", "name", "email"];

    public static IReadOnlyList<Student> Load(string path)
    {
        if (!File.Exists(path)) throw new BadInputException("roster", $"file '{path}' does not exist");
        using var reader = new StreamReader(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = false,
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader())
            throw new BadInputException("roster", $"'{path}' is empty; the first row names the columns id, name, email");
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var column in Required.Where(c => !header.Contains(c)))
            throw new BadInputException("roster", $"'{path}' has no '{column}' column (the header row has: {string.Join(", ", header)})");

        var students = new List<Student>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var id = csv.GetField("id") ?? "";
            if (id.Length == 0) throw new BadInputException("roster", $"{path}:{line}: id: is empty");
            if (id.IndexOfAny(['/', '\\', '\0']) >= 0 || id is "." or "..")
                throw new BadInputException("roster", $"{path}:{line}: id: '{id}' may not contain / or \\");
            if (!seen.Add(id)) throw new BadInputException("roster", $"{path}:{line}: id: '{id}' appears twice");
            students.Add(new Student(id, csv.GetField("name") ?? "", csv.GetField("email") ?? ""));
        }
        return students;
    }
}
