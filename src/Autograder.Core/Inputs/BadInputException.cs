namespace Autograder.Core.Inputs;

/// <summary>
/// Input that a user gave us (params, answers, YAML, arguments) is invalid. <see cref="Field"/> names
/// the offending field as a path such as <c>params.tree.children[1].logp</c>; the message is for people.
/// </summary>
public sealed class BadInputException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
    public string Reason { get; } = message;
}
