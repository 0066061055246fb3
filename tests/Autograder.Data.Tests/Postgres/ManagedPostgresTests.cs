using Autograder.Data.Postgres;
using Npgsql;

namespace Autograder.Data.Tests.Postgres;

public sealed class ManagedPostgresTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"autograder-pg-{Guid.NewGuid():N}");

    [Fact]
    public async Task Start_CreatesAClusterThatAcceptsConnections_AndDisposeStopsIt()
    {
        var data = Path.Combine(folder, "data");
        int port;
        using (var server = ManagedPostgres.Start(data, new ManagedPostgresOptions { Throwaway = true }))
        {
            port = server.Port;
            Assert.True(File.Exists(Path.Combine(data, "PG_VERSION")));
            Assert.Equal(1, await Scalar(server.ConnectionString("postgres"), "SELECT 1"));
        }
        Assert.False(File.Exists(Path.Combine(data, "postmaster.pid")));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Scalar($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=2;Pooling=false", "SELECT 1"));
    }

    [Fact]
    public async Task Start_JoinsARunningCluster_AndOnlyTheStarterStopsIt()
    {
        var data = Path.Combine(folder, "data");
        using var first = ManagedPostgres.Start(data, new ManagedPostgresOptions { Throwaway = true });
        using (var second = ManagedPostgres.Start(data))
        {
            Assert.Equal(first.Port, second.Port);
        }
        // The joiner left; the server the first one started still answers.
        Assert.Equal(1, await Scalar(first.ConnectionString("postgres"), "SELECT 1"));
    }

    [Fact]
    public async Task Restart_KeepsTheData()
    {
        using var server = ManagedPostgres.Start(Path.Combine(folder, "data"), new ManagedPostgresOptions { Throwaway = true });
        var cs = server.ConnectionString("postgres");
        await Scalar(cs, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42); SELECT 0");
        server.Restart();
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(42, await Scalar(cs, "SELECT x FROM kept"));
    }

    private static async Task<int> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
