using System.Text.Json.Nodes;

namespace Autograder.Solvers;

/// <summary>
/// A reference solver as fixed by docs/contracts/solvers.md: plain JSON params in, plain JSON answers out.
/// Invalid params throw <see cref="Autograder.Core.Inputs.BadInputException"/> naming the field.
/// </summary>
public interface ISolver
{
    string Id { get; }
    string Description { get; }

    /// <summary>Bumped whenever the answers this solver gives change; variants record it for regrades.</summary>
    int Version => 1;

    JsonObject Solve(JsonObject parameters);
}
