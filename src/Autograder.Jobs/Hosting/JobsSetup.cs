using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Regrading;
using Autograder.Jobs.Reports;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Jobs.Hosting;

/// <summary>Registers the database, the bank, Hangfire on PostgreSQL and the jobs; the CLI and workers share it.</summary>
public static class JobsSetup
{
    public static IServiceCollection AddAutograderJobs(this IServiceCollection services, string connectionString, ProblemBank bank, JobSettings settings)
    {
        services.AddAutograderData(connectionString);
        services.AddSingleton(bank);
        services.AddSingleton(settings);
        services.AddHangfire(c => Configure(c, connectionString, settings));
        services.AddSingleton<CodeGrading>();
        services.AddTransient<GradeSubmissionJob>();
        services.AddTransient<RenderReportJob>();
        services.AddTransient<CourseSummaryJob>();
        services.AddTransient<PublishExamJob>();
        services.AddTransient<RegradeJob>();
        services.AddTransient<Grading.TaGrading>();
        services.AddTransient<RegradeRequests>();
        services.AddTransient<Courses.CourseService>();
        services.AddTransient<Courses.GradesExport>();
        services.AddTransient<Submissions.SubmissionService>();
        services.AddTransient<Submissions.StatusService>();
        services.AddTransient<Demo.DemoRunner>();
        services.AddTransient<Sittings.AutoSubmitJob>();
        return services;
    }

    public static PostgreSqlStorageOptions StorageOptions(JobSettings settings) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        // Sliding: a live worker keeps its job invisible however long it runs; a killed one's job comes back after the timeout.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = settings.InvisibilityTimeout,
        QueuePollInterval = settings.QueuePollInterval,
        EnableLongPolling = true,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    private static void Configure(IGlobalConfiguration configuration, string connectionString, JobSettings settings) =>
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), StorageOptions(settings));

    /// <summary>Server options for a worker listening on <paramref name="queues"/>.</summary>
    public static BackgroundJobServerOptions ServerOptions(IReadOnlyList<string> queues, int workerCount, string? name = null) => new()
    {
        Queues = [.. queues],
        WorkerCount = workerCount,
        ServerName = name ?? $"{Environment.MachineName}:{Environment.ProcessId}",
        SchedulePollingInterval = TimeSpan.FromSeconds(1),
        ShutdownTimeout = TimeSpan.FromSeconds(30),
        ServerCheckInterval = TimeSpan.FromSeconds(30),
        ServerTimeout = TimeSpan.FromMinutes(1),
    };
}
