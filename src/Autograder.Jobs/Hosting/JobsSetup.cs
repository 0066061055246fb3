using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Regrading;
using Autograder.Jobs.Reports;
using Autograder.Reports;
using Autograder.Sandbox;
using Autograder.Sandbox.Questions;
using Autograder.Solvers;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Autograder.Jobs.Hosting;

/// <summary>Composes the service: the database, the bank, the sandbox, reports, Hangfire on PostgreSQL and the jobs; the CLI, workers and the web host share it.</summary>
public static class JobsSetup
{
    /// <param name="settings">Given by tests; otherwise bound from the configuration section <c>Jobs</c>.</param>
    public static IHostApplicationBuilder AddAutograderJobs(this IHostApplicationBuilder builder, ProblemBank bank, JobSettings? settings = null)
    {
        var connectionString = Database.ConnectionString(builder.Configuration);
        builder.AddAutograderData().AddAutograderSandbox().AddAutograderReports();
        var services = builder.Services;
        services.AddOptions<JobSettings>().Bind(builder.Configuration.GetSection(JobSettings.Section))
            .Validate(s => s.InvisibilityTimeout >= TimeSpan.FromSeconds(5), "Jobs:InvisibilityTimeout must be at least 5 seconds")
            .Validate(s => s.QueuePollInterval > TimeSpan.Zero, "Jobs:QueuePollInterval must be more than 0")
            .Validate(s => s.TestGradingDelay >= TimeSpan.Zero, "Jobs:TestGradingDelay must not be negative")
            .Validate(s => s.AutoSubmitInterval >= TimeSpan.FromMilliseconds(100), "Jobs:AutoSubmitInterval must be at least 100 ms")
            .Validate(s => s.AutoSubmitBatchSize is >= 1 and <= 10_000, "Jobs:AutoSubmitBatchSize must be between 1 and 10000")
            .Validate(s => s.GradingBatchSize is >= 1 and <= 1_000, "Jobs:GradingBatchSize must be between 1 and 1000")
            .Validate(s => s.DispatchInterval >= TimeSpan.FromMilliseconds(10), "Jobs:DispatchInterval must be at least 10 ms")
            .Validate(s => s.StrandedAfter >= TimeSpan.FromSeconds(1), "Jobs:StrandedAfter must be at least 1 second")
            .Validate(s => s.StrandedCheckInterval >= TimeSpan.FromMilliseconds(100), "Jobs:StrandedCheckInterval must be at least 100 ms")
            .ValidateOnStart();
        if (settings is not null) services.AddSingleton(Options.Create(settings));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobSettings>>().Value);
        services.AddSingleton(bank);
        services.AddSingleton<ReferenceSolver>((solver, parameters) => SolverRegistry.Get(solver).Solve(parameters));
        services.AddMetrics();
        services.AddSingleton<Telemetry.AutograderMetrics>();
        services.AddSingleton<Telemetry.JobTelemetryFilter>();
        // Before AddHangfire, which adds the global filters only where no provider is registered: the global ones plus this host's own.
        services.AddSingleton<IJobFilterProvider>(sp => new JobFilterProviderCollection(JobFilterProviders.Providers,
            new JobFilterCollection { sp.GetRequiredService<Telemetry.JobTelemetryFilter>() }));
        services.AddHangfire((sp, c) => Configure(c, connectionString, sp.GetRequiredService<JobSettings>()));
        services.AddTransient<GradeSubmissionJob>();
        services.AddTransient<GradingBatch>();
        services.AddSingleton<GradingSignal>();
        services.AddTransient<GradingDispatcher>();
        services.AddTransient<RenderReportJob>();
        services.AddTransient<CourseSummaryJob>();
        services.AddTransient<PublishExamJob>();
        services.AddTransient<RegradeJob>();
        services.AddTransient<TaGrading>();
        services.AddTransient<AnswerGroups>();
        services.AddTransient<RegradeRequests>();
        services.AddTransient<Courses.CourseService>();
        services.AddTransient<Courses.GradesExport>();
        services.AddTransient<Submissions.SubmissionService>();
        services.AddTransient<Submissions.StatusService>();
        services.AddTransient<Demo.DemoRunner>();
        services.AddTransient<Sittings.AutoSubmitSweep>();
        services.AddTransient<Submissions.StrandedSubmissionSweep>();
        return builder;
    }

    /// <summary>A Hangfire server on <paramref name="worker"/>'s queues in this host.</summary>
    public static IHostApplicationBuilder AddAutograderWorker(this IHostApplicationBuilder builder, WorkerSpec worker)
    {
        builder.Services.AddHangfireServer(o =>
        {
            var options = ServerOptions(worker.Queues, worker.WorkerCount, worker.Name);
            o.Queues = options.Queues;
            o.WorkerCount = options.WorkerCount;
            o.ServerName = options.ServerName;
            o.SchedulePollingInterval = options.SchedulePollingInterval;
            o.ShutdownTimeout = options.ShutdownTimeout;
            o.ServerCheckInterval = options.ServerCheckInterval;
            o.ServerTimeout = options.ServerTimeout;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(40));
        // Every host that works jobs also gives stored submissions their grade jobs, and sweeps, one host at a time and
        // outside the job queue: drafts past their deadline are submitted, and submissions whose job was lost get another.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GradingDispatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Sittings.AutoSubmitSweep>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Submissions.StrandedSubmissionSweep>());
        return builder;
    }

    public static PostgreSqlStorageOptions StorageOptions(JobSettings settings) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        // Sliding: a live worker keeps its job invisible however long it runs; a killed one's job comes back after the timeout.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = settings.InvisibilityTimeout,
        QueuePollInterval = settings.QueuePollInterval,
        // Off: with it on, each fetch starts a LISTEN task and waits for it after taking a job; seen here that wait never
        // returning (both workers of a 20,000-job backlog stopped inside Dequeue after 2,356 jobs, each holding a fetched
        // job that the sliding heartbeat kept invisible), so a worker could sit on one job forever. Workers poll every
        // QueuePollInterval instead, and are woken at once by jobs enqueued in their own process.
        EnableLongPolling = false,
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
