using System.Text.Json.Nodes;
using Autograder.Tensors.CrossChecks;

namespace Autograder.Tensors.Tests.CrossChecks;

public sealed class AttentionCrossCheckTests
{
    public static TheoryData<int> Cases => ReferenceSolver.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void SoftmaxAttention_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int positions = random.Next(1, 7), d = random.Next(1, 6), dv = random.Next(1, 5);
        var keys = random.Matrix(positions, d);
        var values = random.Matrix(positions, dv);
        var query = random.Vector(d);
        double? scale = @case % 2 == 0 ? null : random.Uniform(0.1, 2);

        var parameters = new JsonObject
        {
            ["keys"] = ReferenceSolver.Json(keys),
            ["values"] = ReferenceSolver.Json(values),
            ["query"] = ReferenceSolver.Json(query),
        };
        if (scale is { } s)
            parameters["scale"] = s;

        var torch = AttentionCrossChecks.Softmax(keys, values, query, scale);
        var solver = ReferenceSolver.Solve("softmax-attention", parameters);

        Close.Equal(torch.Scores, ReferenceSolver.Vector(solver["scores"]), "scores");
        Close.Equal(torch.Weights, ReferenceSolver.Vector(solver["weights"]), "weights");
        Close.Equal(torch.Output, ReferenceSolver.Vector(solver["output"]), "output");
    }
}
