
namespace Autograder.Core.Bank;

/// <summary>The loaded problem bank: every problem by id and every exam by id.</summary>
public sealed class ProblemBank(string root, IReadOnlyDictionary<string, ProblemDefinition> problems, IReadOnlyDictionary<string, ExamDefinition> exams)
{
    public string Root { get; } = root;
    public IReadOnlyDictionary<string, ProblemDefinition> Problems { get; } = problems;
    public IReadOnlyDictionary<string, ExamDefinition> Exams { get; } = exams;

    public ProblemDefinition Problem(string id) =>
        Problems.TryGetValue(id, out var p)
            ? p
            : throw new Inputs.BadInputException("problem-id", $"no problem '{id}' in the bank at {Root} (see `autograder bank list`)");

    public ExamDefinition Exam(string id) =>
        Exams.TryGetValue(id, out var e)
            ? e
            : throw new Inputs.BadInputException("exam-id", $"no exam '{id}' in {System.IO.Path.Combine(Root, "exams")}");

    public IEnumerable<string> ExamsUsing(string problemId) =>
        Exams.Values.Where(e => e.Problems.Any(p => p.ProblemId == problemId)).Select(e => e.Id).Order(StringComparer.Ordinal);

    /// <summary>The variable that names the bank's folder.</summary>
    public const string EnvironmentVariable = "AUTOGRADER_BANK";

    /// <summary>Finds the bank: $AUTOGRADER_BANK, else a <c>problem-bank</c> folder here or above, else beside the executable.</summary>
    public static string Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return Path.GetFullPath(explicitPath);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env) return Path.GetFullPath(env);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "problem-bank");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new Inputs.BadInputException("bank", "no problem-bank folder found here or above; pass --bank DIR or set AUTOGRADER_BANK");
    }

}
