using Autograder.Core.Bank;
using Autograder.Data;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Jobs.Hosting;

/// <summary>What a worker runs: the queues it listens on and how many jobs it runs at once.</summary>
public sealed record WorkerSpec(IReadOnlyList<string> Queues, int WorkerCount, string? Name = null);

/// <summary>
/// The service as one process sees it: the database (configured or embedded), the bank, Hangfire on PostgreSQL,
/// the jobs and services, and optionally a worker. Stopping it lets running jobs finish or releases them.
/// </summary>
public sealed class ServiceRuntime : IAsyncDisposable
{
    private readonly IHost host;

    private ServiceRuntime(DatabaseHandle database, IHost host)
    {
        Database = database;
        this.host = host;
    }

    public DatabaseHandle Database { get; }
    public IServiceProvider Services => host.Services;
    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();
    public IHostApplicationLifetime Lifetime => Get<IHostApplicationLifetime>();

    public static async Task<ServiceRuntime> StartAsync(ProblemBank bank, JobSettings settings, WorkerSpec? worker = null,
        LogLevel logLevel = LogLevel.Warning, string? connectionString = null, CancellationToken ct = default)
    {
        var database = await Data.Database.OpenAsync(connectionString, ct: ct);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);
            builder.Services.AddAutograderJobs(database.ConnectionString, bank, settings);
            if (worker is not null)
            {
                builder.Services.AddHangfireServer(o =>
                {
                    var options = JobsSetup.ServerOptions(worker.Queues, worker.WorkerCount, worker.Name);
                    o.Queues = options.Queues;
                    o.WorkerCount = options.WorkerCount;
                    o.ServerName = options.ServerName;
                    o.SchedulePollingInterval = options.SchedulePollingInterval;
                    o.ShutdownTimeout = options.ShutdownTimeout;
                    o.ServerCheckInterval = options.ServerCheckInterval;
                    o.ServerTimeout = options.ServerTimeout;
                });
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(40));
            }
            var host = builder.Build();
            // Touch the storage once so the Hangfire schema exists before the first client call.
            _ = host.Services.GetRequiredService<JobStorage>();
            await host.StartAsync(ct);
            return new ServiceRuntime(database, host);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Runs until the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => host.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
        Database.Dispose();
    }
}
