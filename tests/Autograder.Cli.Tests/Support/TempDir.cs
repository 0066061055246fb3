namespace Autograder.Cli.Tests;

/// <summary>A temporary folder that the test owns and deletes.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("autograder-cli-tests-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string text)
    {
        var file = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Copies the repository's problem bank here, to break it without touching the real one.</summary>
    public string CopyOfBank()
    {
        var target = this["bank"];
        foreach (var source in Directory.EnumerateFiles(Cli.Bank, "*", SearchOption.AllDirectories))
        {
            var file = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(Cli.Bank, source));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.Copy(source, file);
        }
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
