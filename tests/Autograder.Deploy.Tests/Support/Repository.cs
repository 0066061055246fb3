namespace Autograder.Deploy.Tests.Support;

public static class Repository
{
    /// <summary>The checkout's root (where Autograder.sln is), found from the test's output folder.</summary>
    public static readonly string Root = Find(AppContext.BaseDirectory);

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autograder.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Autograder.sln above {start}");
    }
}
