using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Questions;
using Autograder.Solvers;

namespace Autograder.Sandbox.Tests.Support;

/// <summary>One long-lived grader for all sandbox tests, as a worker would hold it; and the repository's folders.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public CodeGrader Grader { get; } = new(solver: Solve);

    public static ReferenceSolver Solve { get; } = (id, parameters) => SolverRegistry.Get(id).Solve(parameters);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Bank => Path.Combine(RepositoryRoot, "problem-bank");

    public static string HostileDir => Path.Combine(RepositoryRoot, "tests", "hostile");

    public static CodeQuestion HostileQuestion { get; } =
        CodeQuestionLoader.LoadFile(Path.Combine(FindRoot(), "tests", "hostile", "question", "code", "hostile-conv", "question.yaml"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autograder.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (with Autograder.sln) is not above the test folder");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Grader.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "sandbox";
}
