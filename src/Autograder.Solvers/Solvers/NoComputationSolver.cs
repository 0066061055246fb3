using System.Text.Json.Nodes;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// For conceptual questions (which tricks help, which loss to use, explanations): their keys are literal values and
/// rubrics in problem.yaml, so there is nothing to compute.
/// </summary>
public sealed class NoComputationSolver : ISolver
{
    public string Id => "none";

    public string Description => "Conceptual questions whose keys are literal values in problem.yaml; computes nothing.";

    public JsonObject Solve(JsonObject parameters) => [];
}
