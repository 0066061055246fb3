using System.Diagnostics;

namespace Autograder.Cli.Tests.Setup;

/// <summary>The README's two set-up commands are the ones CI runs and the ones the prerequisites check guards.</summary>
public sealed class SetUpCommandsTests
{
    private static string Root => Cli.RepositoryRoot;

    [Fact]
    public void Readme_SetUpIsOneRunOfTheCommandAndOneRunOfTheTests()
    {
        var (run, test) = ReadmeCommands();

        Assert.StartsWith("dotnet run --project src/Autograder.Cli -- ", run, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "src/Autograder.Cli/Autograder.Cli.csproj")));
        Assert.Equal("dotnet test Autograder.sln", test);
    }

    [Fact]
    public void CiRun_RunsExactlyTheReadmesTestCommand()
    {
        var (_, test) = ReadmeCommands();
        string[] ciOnly = ["set -euo pipefail", "cd \"$(dirname \"$0\")/..\""];

        var commands = File.ReadAllLines(Path.Combine(Root, ".ci/run"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !ciOnly.Contains(l))
            .ToArray();

        Assert.Equal([test], commands);
    }

    [Fact]
    public void Prerequisites_AreCheckedByTheProjectsThatTheReadmeCommandsBuild()
    {
        var (run, _) = ReadmeCommands();
        var project = run.Split(' ')[3];

        Assert.Equal("true", MsBuildProperty(project, "AutograderPrerequisites"));
        Assert.Equal("true", MsBuildProperty("tests/Autograder.Core.Tests", "AutograderPrerequisites"));
        Assert.Equal("", MsBuildProperty("src/Autograder.Core", "AutograderPrerequisites"));
    }

    // The first block of indented lines in the README's "Set up" section.
    private static (string Run, string Test) ReadmeCommands()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var setUp = Array.IndexOf(lines, "## Set up");
        Assert.True(setUp >= 0, "README.md has no \"## Set up\" section");
        var commands = lines.Skip(setUp + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .SkipWhile(l => !l.StartsWith("    ", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .ToArray();
        Assert.True(commands.Length == 2, $"README.md's set-up has {commands.Length} commands:\n{string.Join('\n', commands)}");
        return (commands[0], commands[1]);
    }

    private static string MsBuildProperty(string project, string property)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var arg in new[] { "msbuild", project, $"-getProperty:{property}", "-nologo" }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("AutograderSkipPrerequisites");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet msbuild {project} ran past 120 s");
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} -getProperty:{property}: exit {process.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result.Trim();
    }
}
