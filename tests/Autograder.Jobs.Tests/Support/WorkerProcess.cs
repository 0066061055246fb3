using System.Diagnostics;
using Autograder.Core.Bank;

namespace Autograder.Jobs.Tests.Support;

/// <summary>A real <c>autograder worker</c> process against a test database.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    public WorkerProcess(string connectionString, int workers, TimeSpan gradingDelay, TimeSpan invisibility,
        string queues = "default,sandbox", IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "autograder.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--bank", ProblemBank.Locate(), "worker", "--queues", queues, "--workers", $"{workers}" }) info.ArgumentList.Add(a);
        info.Environment["ConnectionStrings__Default"] = connectionString;
        info.Environment["AUTOGRADER_TEST_GRADING_DELAY_MS"] = $"{gradingDelay.TotalMilliseconds}";
        info.Environment["AUTOGRADER_INVISIBILITY_TIMEOUT_S"] = $"{invisibility.TotalSeconds}";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public string Name => $"{Environment.MachineName}:{process.Id}";

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>SIGKILL: no chance to finish or hand back its job.</summary>
    public void KillHard()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns whether it exited within <paramref name="timeout"/>.</summary>
    public bool Stop(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", $"{process.Id}"])) kill.WaitForExit();
        return process.WaitForExit(timeout);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!process.HasExited) KillHard();
        process.Dispose();
    }
}
