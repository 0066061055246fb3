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

    /// <param name="settings">Given by tests; otherwise the configuration's (the environment: <c>AUTOGRADER_Jobs__*</c> and the flat names).</param>
    public static async Task<ServiceRuntime> StartAsync(ProblemBank bank, JobSettings? settings = null, WorkerSpec? worker = null,
        LogLevel logLevel = LogLevel.Warning, string? connectionString = null, CancellationToken ct = default)
    {
        var database = await Data.Database.OpenAsync(connectionString, ct: ct);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddAutograderEnvironment();
            builder.Configuration["ConnectionStrings:Default"] = database.ConnectionString;
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);
            builder.AddAutograderJobs(bank, settings);
            if (worker is not null) builder.AddAutograderWorker(worker);
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
