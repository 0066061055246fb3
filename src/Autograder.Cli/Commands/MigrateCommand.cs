using System.CommandLine;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder migrate</c>: applies the database migrations and creates the job engine's schema, then exits; an upgrade
/// runs it once before new web and worker processes start.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply database migrations and the job schema, then exit.");
        command.SetAction(parse => CourseServiceCommands.Run(parse, (runtime, _) =>
        {
            Console.WriteLine($"database is up to date ({(runtime.Database.Embedded ? "embedded database" : "configured database")})");
            return Task.FromResult(0);
        }));
        return command;
    }
}
