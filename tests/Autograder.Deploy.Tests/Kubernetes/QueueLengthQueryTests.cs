using Autograder.Data.Tests.Support;
using Autograder.Jobs.Hosting;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Npgsql;

namespace Autograder.Deploy.Tests.Kubernetes;

/// <summary>KEDA's query against the schema Hangfire.PostgreSql really creates: it counts a queue's waiting and running jobs, and nothing else.</summary>
public sealed class QueueLengthQueryTests
{
    [Fact]
    public async Task Query_CountsWaitingAndRunningJobsOfItsQueue_UntilTheyFinish()
    {
        var connectionString = await Task.Run(() => PostgresServer.CreateDatabase("keda"));
        var options = JobsSetup.StorageOptions(new JobSettings());
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        var client = new BackgroundJobClient(storage);
        client.Create(Job.FromExpression(() => Console.WriteLine("a")), new EnqueuedState(Queues.Sandbox));
        client.Create(Job.FromExpression(() => Console.WriteLine("b")), new EnqueuedState(Queues.Sandbox));
        client.Create(Job.FromExpression(() => Console.WriteLine("c")), new EnqueuedState(Queues.Gpu));

        Assert.Equal(new long[] { 2, 1, 0 }, await Lengths(connectionString));
        using var connection = storage.GetConnection();
        using var running = connection.FetchNextJob([Queues.Sandbox], CancellationToken.None);
        // A worker runs one: still work for the sandbox workers, so it still counts.
        Assert.Equal(new long[] { 2, 1, 0 }, await Lengths(connectionString));
        Assert.Equal(1, storage.GetMonitoringApi().FetchedCount(Queues.Sandbox));
        running.RemoveFromQueue();
        Assert.Equal(new long[] { 1, 1, 0 }, await Lengths(connectionString));
    }

    private static async Task<long[]> Lengths(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var lengths = new List<long>();
        foreach (var queue in new[] { Queues.Sandbox, Queues.Gpu, Queues.Default })
        {
            await using var command = new NpgsqlCommand(QueueLength.Query(queue), db);
            lengths.Add((long)(await command.ExecuteScalarAsync())!);
        }
        return [.. lengths];
    }
}
