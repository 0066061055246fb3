using System.Text.Json.Nodes;

namespace Autograder.Solvers;

/// <summary>
/// A reference solver as fixed by contracts/solvers.md: plain JSON params in, plain JSON answers out.
/// Invalid params throw <see cref="Autograder.Core.Inputs.BadInputException"/> naming the field.
/// </summary>
public interface ISolver
{
    string Id { get; }
    string Description { get; }
    JsonObject Solve(JsonObject parameters);
}
