using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Sandbox;
using Autograder.Sandbox.Grading;
using Autograder.Solvers;
using Autograder.Solvers.Grading;

namespace Autograder.Cli;

/// <summary>Grades a whole exam from the command line, running its code parts in the sandbox as a worker would (no database, no job engine).</summary>
internal static class ExamGrading
{
    public static ExamResult Grade(ProblemBank bank, ExamDefinition exam, long seed, string student, JsonObject answers, bool canonical)
    {
        var result = ReferenceGrading.ExamGrader.Grade(bank, exam, seed, student, answers, canonical);
        if (!result.Problems.Any(p => p.Parts.Any(x => x.Pending == PartPending.Code))) return result;
        using var grader = NewCodeGrader();
        return new CodeParts(bank, () => grader).CompleteAsync(result, answers, attempt: 1, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A sandbox grader with the environment's settings whose expected outputs come from the reference solvers.</summary>
    public static CodeGrader NewCodeGrader() =>
        new(SandboxSetup.OptionsFromEnvironment(), (solver, parameters) => SolverRegistry.Get(solver).Solve(parameters));
}
