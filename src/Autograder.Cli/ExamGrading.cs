using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Jobs.Grading;
using Autograder.Solvers.Grading;

namespace Autograder.Cli;

/// <summary>Grades a whole exam from the command line, running its code parts in the sandbox as a worker would.</summary>
internal static class ExamGrading
{
    public static ExamResult Grade(ProblemBank bank, ExamDefinition exam, long seed, string student, JsonObject answers, bool canonical)
    {
        var result = ExamGrader.Grade(bank, exam, seed, student, answers, canonical);
        if (!CodeGrading.HasCode(bank, answers)) return result;
        var code = new CodeGrading(bank);
        try
        {
            return code.CompleteAsync(result, answers, seed, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            code.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
