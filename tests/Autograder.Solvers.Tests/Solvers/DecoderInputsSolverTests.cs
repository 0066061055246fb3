using System.Text.Json.Nodes;
using Autograder.Solvers.Solvers;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Solvers;

public sealed class DecoderInputsSolverTests
{
    private static readonly DecoderInputsSolver Solver = new();

    [Theory]
    [InlineData("I see a dog", "I saw a dog")]
    [InlineData("the cat is sleeping", "a dog was barking loudly")]
    [InlineData("hi", "hello")]
    public void Solve_GivesWhatAStepByStepDecoderReads_WithAndWithoutTeacherForcing(string reference, string generated)
    {
        var target = reference.Split(' ');
        var sampled = generated.Split(' ');
        // A decoder that emits the sampled words in turn, then <EOS>; record what it is fed at every step.
        List<string> Run(bool teacherForcing)
        {
            var fed = new List<string>();
            var previous = "<SOS>";
            for (var step = 0; ; step++)
            {
                fed.Add(previous);
                var emitted = step < sampled.Length ? sampled[step] : "<EOS>";
                var truth = step < target.Length ? target[step] : "<EOS>";
                if ((teacherForcing ? truth : emitted) == "<EOS>") return fed;
                previous = teacherForcing ? truth : emitted;
            }
        }

        var answers = SolverAssert.Solve(Solver, new JsonObject
        {
            ["reference"] = new JsonArray([.. target.Select(w => (JsonNode)w)]),
            ["generated"] = new JsonArray([.. sampled.Select(w => (JsonNode)w)]),
        });

        Assert.Equal(Run(teacherForcing: true), SolverAssert.Tokens(answers["training"]));
        Assert.Equal(Run(teacherForcing: false), SolverAssert.Tokens(answers["generation"]));
    }

    [Theory]
    [InlineData("""{"reference": ["<SOS>", "a"], "generated": ["a"]}""", "params.reference")]
    [InlineData("""{"reference": ["a"], "generated": ["a", "<EOS>"]}""", "params.generated")]
    [InlineData("""{"reference": [], "generated": ["a"]}""", "params.reference")]
    [InlineData("""{"reference": ["a"], "generated": ["a"], "sos": 1}""", "params.sos")]
    public void Solve_ThrowsBadInputNamingField_WhenParamsAreInvalid(string json, string field) =>
        SolverAssert.Rejects(Solver, json, field);
}
