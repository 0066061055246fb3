using Autograder.Data.Postgres;
using Npgsql;

namespace Autograder.Data.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run: <c>AUTOGRADER_TEST_POSTGRES</c> (a connection string to a server that lets
/// us create databases) when set, else one private cluster that this process starts in a temporary folder and
/// stops on exit. Each test class gets a fresh database of its own.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "AUTOGRADER_TEST_POSTGRES";
    private static readonly Lazy<(string Admin, ManagedPostgres? Managed)> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The private cluster, when the tests run one (null against an external server).</summary>
    public static ManagedPostgres? Managed => Server.Value.Managed;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static string CreateDatabase(string hint)
    {
        var letters = new string([.. hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var name = $"t_{letters[..Math.Min(20, letters.Length)]}_{Guid.NewGuid():N}";
        var admin = Server.Value.Admin;
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static (string, ManagedPostgres?) StartServer()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } external)
            return (new NpgsqlConnectionStringBuilder(external) { Database = "postgres" }.ConnectionString, null);
        RemoveStaleClusters();
        var folder = Path.Combine(Path.GetTempPath(), $"autograder-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        ManagedPostgres server;
        try
        {
            server = ManagedPostgres.Start(Path.Combine(folder, "data"), new ManagedPostgresOptions { Throwaway = true });
        }
        catch (PostgresUnavailableException e)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL: set {EnvironmentVariable} to a connection string, or install PostgreSQL so that a private server can start ({e.Message})", e);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed by the next test run (RemoveStaleClusters).
            }
        };
        return (server.ConnectionString("postgres"), server);
    }

    /// <summary>A test host may be ended before its exit handler deletes its cluster: remove those of processes that are gone.</summary>
    private static void RemoveStaleClusters()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "autograder-tests-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var pid) || Alive(pid)) continue;
            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid"))) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the system to clean.
            }
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>A fresh, migrated database for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await Task.Run(() => PostgresServer.CreateDatabase("data"));
        await Database.MigrateAsync(ConnectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public AutograderDb Context() => new(Database.Options(ConnectionString));
}
