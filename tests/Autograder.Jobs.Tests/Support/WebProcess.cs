using System.Diagnostics;
using System.Text.RegularExpressions;
using Autograder.Core.Bank;

namespace Autograder.Jobs.Tests.Support;

/// <summary>A real <c>autograder web</c> process (the web app without workers) on a free loopback port, against a test database.</summary>
public sealed partial class WebProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebProcess(string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "autograder.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--bank", ProblemBank.Locate(), "web", "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
        info.Environment["ConnectionStrings__Default"] = connectionString;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the web process exited: " + Output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>The address it printed once Kestrel listened (port 0 makes the kernel choose a free one).</summary>
    public async Task<Uri> AddressAsync(TimeSpan timeout) => await listening.Task.WaitAsync(timeout);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
        if (Running().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    [GeneratedRegex(@"Autograder is running at (http://\S+) ")]
    private static partial Regex Running();

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
    }
}
