using System.Globalization;
using Microsoft.Extensions.Configuration;

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

/// <summary>Settings of the job engine, bound from the configuration section <c>Jobs</c> so that every worker on every machine reads them the same way.</summary>
public sealed record JobSettings
{
    public const string Section = "Jobs";

    /// <summary>How long a fetched job of a dead worker stays invisible; with sliding invisibility a live worker keeps extending it.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How often an idle worker looks for a new job (jobs enqueued in its own process wake it at once).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>A pause inside each grading job, only for fault tests that must catch a job mid-run.</summary>
    public TimeSpan TestGradingDelay { get; set; } = TimeSpan.Zero;
    /// <summary>How often each worker host looks for sittings past their deadline and submits their drafts.</summary>
    public TimeSpan AutoSubmitInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Sittings read and submitted per query of the auto-submit sweep.</summary>
    public int AutoSubmitBatchSize { get; set; } = 200;
    /// <summary>Stored submissions of the default queue given one grade job together; 1 gives each a job of its own.</summary>
    public int GradingBatchSize { get; set; } = 50;
    /// <summary>How often each worker host looks for stored submissions still waiting for a grade job (stored in its own process: at once).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a stored submission may wait without a grade job before one is queued for it again.</summary>
    public TimeSpan StrandedAfter { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often each worker host looks for such submissions.</summary>
    public TimeSpan StrandedCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Where reports of student submissions are rendered; false leaves them to a later run of <c>report</c> jobs.</summary>
    public bool RenderReports { get; set; } = true;
}

/// <summary>
/// The service's configuration from the environment: <c>ConnectionStrings__Default</c>, <c>AUTOGRADER_&lt;Section&gt;__&lt;Name&gt;</c>
/// (such as <c>AUTOGRADER_Sandbox__PoolSize</c>), and the older flat names, which keep working.
/// </summary>
public static class AutograderConfiguration
{
    private static readonly (string Variable, string Key, Func<double, TimeSpan> Unit)[] Legacy =
    [
        ("AUTOGRADER_INVISIBILITY_TIMEOUT_S", "Jobs:InvisibilityTimeout", TimeSpan.FromSeconds),
        ("AUTOGRADER_QUEUE_POLL_MS", "Jobs:QueuePollInterval", TimeSpan.FromMilliseconds),
        ("AUTOGRADER_TEST_GRADING_DELAY_MS", "Jobs:TestGradingDelay", TimeSpan.FromMilliseconds),
    ];

    /// <summary>The older flat variable names that are still read.</summary>
    public static IReadOnlyList<string> LegacyVariables => [.. Legacy.Select(l => l.Variable)];

    public static IConfigurationBuilder AddAutograderEnvironment(this IConfigurationBuilder configuration)
    {
        var flat = new Dictionary<string, string?>();
        foreach (var (variable, key, unit) in Legacy)
        {
            if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text) continue;
            // An unreadable number is passed on as it is, so that binding fails with a message naming the setting.
            flat[key] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? unit(n).ToString("c", CultureInfo.InvariantCulture) : text;
        }
        // Later sources win: the sectioned names over the flat ones.
        return configuration.AddEnvironmentVariables().AddInMemoryCollection(flat).AddEnvironmentVariables("AUTOGRADER_");
    }
}
