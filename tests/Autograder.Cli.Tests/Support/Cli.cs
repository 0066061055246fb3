using System.Diagnostics;
using System.Text.Json.Nodes;

// In the tests' own namespace: from there, `Cli` would otherwise resolve to the Autograder.Cli namespace.
namespace Autograder.Cli.Tests;

/// <summary>What one run of <c>autograder</c> left behind.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Lines(Stdout);
    public string[] StderrLines => Lines(Stderr);

    /// <summary>Stdout parsed as one JSON value; fails the test with the whole run when it is not JSON.</summary>
    public JsonNode Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Stdout) ?? throw new InvalidOperationException("stdout is the JSON null");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new InvalidOperationException($"stdout is not JSON ({e.Message}):\n{this}", e);
            }
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>Runs the real <c>autograder.dll</c> from the test output folder as a child process, against the repository's problem bank.</summary>
internal static class Cli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Bank { get; } = Path.Combine(RepositoryRoot, "problem-bank");

    private static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "autograder.dll");

    public static CliResult Run(params string[] args) => Run(args, stdin: null, workingDirectory: null);

    public static CliResult RunWithStdin(string stdin, params string[] args) => Run(args, stdin, workingDirectory: null);

    public static CliResult Run(IEnumerable<string> args, string? stdin, string? workingDirectory) => Run(Dll, args, stdin, workingDirectory);

    /// <summary>Runs the command from another copy of its folder (such as one without some assemblies).</summary>
    public static CliResult RunFrom(string folder, params string[] args) => Run(Path.Combine(folder, "autograder.dll"), args, null, folder);

    private static CliResult Run(string dll, IEnumerable<string> args, string? stdin, string? workingDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["AUTOGRADER_BANK"] = Bank;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Write stdin on its own task so a child that fills its stdout pipe cannot deadlock us.
        var input = Task.Run(() =>
        {
            try
            {
                if (stdin is not null) process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child exited without reading all its input; its exit code tells the story.
            }
        });
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"autograder {string.Join(' ', args)} ran past {Timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        input.Wait(Timeout);
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Autograder.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Autograder.sln above {AppContext.BaseDirectory}");
    }
}
