using System.Globalization;

namespace Autograder.Jobs.Hosting;

public static class Queues
{
    /// <summary>Numeric grading and reports.</summary>
    public const string Default = "default";
    /// <summary>Code submissions, graded in the sandbox.</summary>
    public const string Sandbox = "sandbox";
    /// <summary>TorchSharp work on a GPU node.</summary>
    public const string Gpu = "gpu";
    public static readonly IReadOnlyList<string> All = [Default, Sandbox, Gpu];
}

/// <summary>Settings of the job engine, from the environment (<c>AUTOGRADER_*</c>) so that every worker on every machine reads them the same way.</summary>
public sealed record JobSettings
{
    /// <summary>How long a fetched job of a dead worker stays invisible; with sliding invisibility a live worker keeps extending it.</summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Fallback poll interval; new jobs are also announced with LISTEN/NOTIFY.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>A pause inside each grading job, only for fault tests that must catch a job mid-run.</summary>
    public TimeSpan TestGradingDelay { get; init; } = TimeSpan.Zero;
    /// <summary>Where reports of student submissions are rendered; false leaves them to a later run of <c>report</c> jobs.</summary>
    public bool RenderReports { get; init; } = true;

    public static JobSettings FromEnvironment() => new()
    {
        InvisibilityTimeout = Seconds("AUTOGRADER_INVISIBILITY_TIMEOUT_S") ?? TimeSpan.FromMinutes(2),
        QueuePollInterval = Milliseconds("AUTOGRADER_QUEUE_POLL_MS") ?? TimeSpan.FromMilliseconds(200),
        TestGradingDelay = Milliseconds("AUTOGRADER_TEST_GRADING_DELAY_MS") ?? TimeSpan.Zero,
    };

    private static TimeSpan? Seconds(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;

    private static TimeSpan? Milliseconds(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : null;
}
