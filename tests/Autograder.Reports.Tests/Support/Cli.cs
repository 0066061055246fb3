using System.Diagnostics;

namespace Autograder.Reports.Tests.Support;

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the real <c>autograder.dll</c> from the test output folder, against the repository's bank.</summary>
internal static class AutograderCli
{
    public static CliRun Run(params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "autograder.dll"));
        start.ArgumentList.Add("--bank");
        start.ArgumentList.Add(Fixtures.Bank.Root);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("autograder did not finish in 120 s: " + string.Join(' ', args));
        }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
