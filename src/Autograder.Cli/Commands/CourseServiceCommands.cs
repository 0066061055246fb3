using System.CommandLine;
using Autograder.Data.Postgres;
using Autograder.Jobs.Hosting;
using Microsoft.Extensions.Logging;

namespace Autograder.Cli.Commands;

/// <summary>The commands that work against the course database: course, roster, exam publish, submit, status, regrade, grades, report get, worker, migrate, demo.</summary>
internal static class CourseServiceCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(CourseCommand.Create());
        root.Subcommands.Add(RosterCommand.Create());
        Under(root, "exam", "Exams of the problem bank.").Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(RegradeCommand.Create());
        root.Subcommands.Add(TaCommand.Create());
        root.Subcommands.Add(RegradeRequestCommand.Create());
        root.Subcommands.Add(GradesCommand.Create());
        Under(root, "report", "Student reports.").Subcommands.Add(ReportGetCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
    }

    private static Command Under(RootCommand root, string name, string description)
    {
        if (root.Subcommands.FirstOrDefault(c => c.Name == name) is { } existing) return existing;
        var command = new Command(name, description);
        root.Subcommands.Add(command);
        return command;
    }

    public static readonly Option<string> CourseOption = new("--course") { Description = "The course code.", Required = true };

    /// <summary>Opens the database (ConnectionStrings__Default, else the embedded one) and runs <paramref name="body"/>; stops on Ctrl+C.</summary>
    public static int Run(ParseResult parse, Func<ServiceRuntime, CancellationToken, Task<int>> body, WorkerSpec? worker = null,
        LogLevel logLevel = LogLevel.Warning, JobSettings? settings = null)
    {
        var bank = CliSupport.LoadBank(parse);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        // A worker stops through its host (Ctrl+C, SIGTERM); other commands through this token.
        if (worker is null) Console.CancelKeyPress += onCancel;
        try
        {
            return RunAsync(bank, body, worker, logLevel, settings, cancel.Token).GetAwaiter().GetResult();
        }
        catch (PostgresUnavailableException e)
        {
            Console.Error.WriteLine($"error: database: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunAsync(Core.Bank.ProblemBank bank, Func<ServiceRuntime, CancellationToken, Task<int>> body, WorkerSpec? worker,
        LogLevel logLevel, JobSettings? settings, CancellationToken ct)
    {
        await using var runtime = await ServiceRuntime.StartAsync(bank, settings, worker, logLevel, ct: ct);
        return await body(runtime, ct);
    }
}
