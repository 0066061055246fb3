using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;
using Autograder.Solvers.Generators;

namespace Autograder.Solvers.Variants;

/// <summary>
/// Makes variants: params from the problem's generator (seeded from problem, version, exam seed and student, the same on every machine), then reference
/// answers from its solver and the wrong answers its feedback rules recognize. Params with a <c>cases</c>
/// list are solved once per case, each case merged over the shared params.
/// </summary>
public static class VariantFactory
{
    public static Variant Create(ProblemDefinition problem, long examSeed, string studentId)
    {
        var rng = VariantSeed.Rng(problem.Id, problem.Version, examSeed, studentId);
        var generator = GeneratorRegistry.Get(problem.Generator.Id);
        var parameters = generator.Generate(rng, new GeneratorOptions(problem.Generator.Options));
        return FromParams(problem, parameters, examSeed, studentId);
    }

    /// <summary>The variant with the params printed in the seed document.</summary>
    public static Variant Canonical(ProblemDefinition problem) =>
        FromParams(problem, problem.Canonical ?? throw new BadInputException("canonical", $"problem '{problem.Id}' has no canonical params"), null, "");

    public static Variant FromParams(ProblemDefinition problem, JsonObject parameters, long? seed, string studentId)
    {
        var solver = SolverRegistry.Get(problem.Solver);
        JsonObject answers, mistakes;
        if (parameters["cases"] is JsonArray cases)
        {
            var caseAnswers = new JsonArray();
            var caseMistakes = new JsonArray();
            for (var i = 0; i < cases.Count; i++)
            {
                var merged = Merge(parameters, cases[i] as JsonObject ?? throw new BadInputException($"params.cases[{i}]", "each case is an object of params"));
                var solved = SolveNamed(solver, merged, $"params.cases[{i}]");
                caseAnswers.Add(solved);
                caseMistakes.Add(MistakeCatalog.For(solver.Id, merged, solved));
            }
            answers = new JsonObject { ["cases"] = caseAnswers };
            mistakes = new JsonObject { ["cases"] = caseMistakes };
        }
        else
        {
            answers = SolveNamed(solver, parameters, "params");
            mistakes = MistakeCatalog.For(solver.Id, parameters, answers);
        }
        return new Variant(problem.Id, problem.Version, solver.Id, solver.Version, seed, studentId, (JsonObject)parameters.DeepClone(), answers, mistakes);
    }

    private static JsonObject SolveNamed(ISolver solver, JsonObject parameters, string path)
    {
        try
        {
            return solver.Solve(parameters);
        }
        catch (BadInputException e) when (path != "params")
        {
            throw new BadInputException(path + e.Field["params".Length..], e.Reason);
        }
    }

    private static JsonObject Merge(JsonObject shared, JsonObject single)
    {
        var merged = new JsonObject();
        foreach (var (k, v) in shared.Where(kv => kv.Key != "cases")) merged[k] = v?.DeepClone();
        foreach (var (k, v) in single) merged[k] = v?.DeepClone();
        return merged;
    }
}
