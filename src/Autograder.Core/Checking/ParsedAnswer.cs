using System.Text.Json.Nodes;

namespace Autograder.Core.Checking;

/// <summary>
/// The result of reading one answer: either a normalized value (plain JSON, compared by the checker) with the
/// text the student sees as "understood", or a format error with a message for the student.
/// </summary>
public sealed record ParsedAnswer(JsonNode? Value, string Understood, string? FormatError)
{
    public bool IsFormatError => FormatError is not null;

    public static ParsedAnswer Ok(JsonNode? value, string understood) => new(value, understood, null);

    public static ParsedAnswer Error(string message) => new(null, "", message);
}
