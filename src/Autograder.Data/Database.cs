using Autograder.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Autograder.Data;

/// <summary>An open course database: its connection string, and the managed server behind it when there is one.</summary>
public sealed class DatabaseHandle(string connectionString, ManagedPostgres? server) : IDisposable
{
    public string ConnectionString { get; } = connectionString;
    public ManagedPostgres? Server { get; } = server;
    public bool Embedded => Server is not null;

    public AutograderDb CreateContext() => new(Database.Options(ConnectionString));

    public void Dispose() => Server?.Dispose();
}

/// <summary>
/// Finding and preparing the database: <c>ConnectionStrings__Default</c> when set, else the embedded cluster in
/// <c>$AUTOGRADER_DATA</c> (default <c>./.autograder/postgres</c>); migrations are applied on open.
/// </summary>
public static class Database
{
    public const string EnvironmentVariable = "ConnectionStrings__Default";
    public const string DataEnvironmentVariable = "AUTOGRADER_DATA";
    public const string DefaultDatabaseName = "autograder";

    /// <summary>
    /// <c>$AUTOGRADER_DATA</c>, else <c>./.autograder/postgres</c>; as root in a folder the postgres user cannot enter
    /// (under /root), a folder of its own under /var/lib/autograder named after the working directory.
    /// </summary>
    public static string DefaultDataDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable(DataEnvironmentVariable) is { Length: > 0 } dir) return Path.GetFullPath(dir);
            var here = Path.Combine(Directory.GetCurrentDirectory(), ".autograder", "postgres");
            if (ManagedPostgres.CanHost(here)) return here;
            var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Directory.GetCurrentDirectory())))[..12];
            return Path.Combine("/var/lib/autograder", name, "postgres");
        }
    }

    /// <summary>Opens the configured database (or starts the embedded one) and applies migrations.</summary>
    public static async Task<DatabaseHandle> OpenAsync(string? connectionString = null, string? dataDirectory = null, CancellationToken ct = default)
    {
        connectionString ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        ManagedPostgres? server = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            server = ManagedPostgres.Start(dataDirectory ?? DefaultDataDirectory);
            connectionString = server.ConnectionString(DefaultDatabaseName);
        }
        try
        {
            await EnsureCreatedAsync(connectionString, ct);
            await MigrateAsync(connectionString, ct);
            return new DatabaseHandle(connectionString, server);
        }
        catch (NpgsqlException e)
        {
            server?.Dispose();
            throw new PostgresUnavailableException($"cannot reach PostgreSQL ({Describe(connectionString)}): {e.Message}", e);
        }
        catch
        {
            server?.Dispose();
            throw;
        }
    }

    public static DbContextOptions<AutograderDb> Options(string connectionString) =>
        new DbContextOptionsBuilder<AutograderDb>().UseNpgsql(connectionString).Options;

    public static IServiceCollection AddAutograderData(this IServiceCollection services, string connectionString) =>
        services.AddDbContextFactory<AutograderDb>(o => o.UseNpgsql(connectionString));

    /// <summary>The database of <c>ConnectionStrings:Default</c>; a host that runs the embedded default sets it after <see cref="OpenAsync"/>.</summary>
    public static IHostApplicationBuilder AddAutograderData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAutograderData(ConnectionString(builder.Configuration));
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Default") is { Length: > 0 } s
            ? s
            : throw new OptionsValidationException("ConnectionStrings:Default", typeof(string), ["ConnectionStrings:Default (ConnectionStrings__Default) is not set: name the PostgreSQL database"]);

    public static async Task MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var db = new AutograderDb(Options(connectionString));
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Creates the database named in the connection string when the server does not have it yet.</summary>
    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken ct = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? DefaultDatabaseName;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.AddWithValue(name);
            if (await exists.ExecuteScalarAsync(ct) is not null) return;
        }
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it first.
        }
    }

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the model only, no server needed.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AutograderDb>
{
    public AutograderDb CreateDbContext(string[] args) => new(Database.Options("Host=127.0.0.1;Database=autograder;Username=postgres"));
}
