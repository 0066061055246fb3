using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Jobs.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder worker --queues default,sandbox [--workers N]</c>: runs jobs against the configured database until
/// stopped. Ctrl+C or SIGTERM lets running jobs finish (or hands them back to the queue) before it exits.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var queues = new Option<string>("--queues") { Description = "Comma-separated queues: default, sandbox, gpu.", DefaultValueFactory = _ => "default,sandbox,gpu" };
        var workers = new Option<int>("--workers") { Description = "Jobs run at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("worker", "Run grading jobs from the queues until stopped.") { queues, workers };
        command.SetAction(parse =>
        {
            var names = parse.GetValue(queues)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var name in names.Where(n => !Queues.All.Contains(n)))
                throw new BadInputException("--queues", $"'{name}' is not a queue ({string.Join(", ", Queues.All)})");
            if (names.Length == 0) throw new BadInputException("--queues", "names no queue");
            if (parse.GetValue(workers) < 1) throw new BadInputException("--workers", "must be at least 1");
            var spec = new WorkerSpec(names, parse.GetValue(workers));
            return CourseServiceCommands.Run(parse, async (runtime, ct) =>
            {
                Console.WriteLine($"worker {Environment.MachineName}:{Environment.ProcessId} on {string.Join(", ", names)} with {spec.WorkerCount} workers ({(runtime.Database.Embedded ? "embedded database" : "configured database")})");
                await runtime.WaitForShutdownAsync(ct);
                Console.WriteLine("worker stopped");
                return 0;
            }, spec, LogLevel.Warning);
        });
        return command;
    }
}
