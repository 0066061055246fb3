using Autograder.Core.Bank;

namespace Autograder.Solvers.Tests.Support;

/// <summary>The repository's problem bank, loaded once per test run.</summary>
internal static class Bank
{
    private static readonly Lazy<ProblemBank> Loaded = new(() => BankLoader.Load(Root));

    public static ProblemBank Current => Loaded.Value;

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "problem-bank");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException("problem-bank not found above " + AppContext.BaseDirectory);
        }
    }
}
