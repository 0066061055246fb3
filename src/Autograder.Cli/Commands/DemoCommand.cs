using System.CommandLine;
using System.Globalization;
using Autograder.Core.Inputs;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Hosting;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder demo</c>: a whole course on the embedded database: 200 simulated students, the Spring 2023 midterm
/// and a homework published, every submission graded by workers, every report stored, and the PDFs, course
/// summaries and grades written to <c>./out</c>.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var students = new Option<int>("--students") { Description = "Simulated students.", DefaultValueFactory = _ => 200 };
        var workers = new Option<int>("--workers") { Description = "Workers grading at once.", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--out") { Description = "Where the PDFs, summaries and grades go.", DefaultValueFactory = _ => "out" };
        var exams = new Option<string>("--exams") { Description = "Comma-separated exams to publish.", DefaultValueFactory = _ => "sp23-midterm,sp23-hw8" };
        var bench = new Option<bool>("--bench") { Description = "Store every submission first, then start the workers and time them from stored to report stored." };
        var command = new Command("demo", "Run a simulated course end to end: publish, submit, grade, report.") { students, workers, output, exams, bench };
        command.SetAction(parse =>
        {
            if (parse.GetValue(students) is < 1 or > 100_000) throw new BadInputException("--students", "must be between 1 and 100000");
            if (parse.GetValue(workers) < 1) throw new BadInputException("--workers", "must be at least 1");
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            var spec = new WorkerSpec(Queues.All, parse.GetValue(workers), $"demo:{Environment.ProcessId}");
            return CourseServiceCommands.Run(parse, async (runtime, ct) =>
            {
                AnsiConsole.WriteLine(runtime.Database.Embedded
                    ? $"database: embedded PostgreSQL in {runtime.Database.Server!.DataDirectory} (port {runtime.Database.Server.Port})"
                    : "database: ConnectionStrings__Default");
                var bank = runtime.Get<Core.Bank.ProblemBank>();
                var examIds = parse.GetValue(exams)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var id in examIds) bank.Exam(id);
                var options = new DemoOptions { Students = parse.GetValue(students), OutputFolder = folder, Exams = examIds, CodeSubmissions = !parse.GetValue(bench) };
                IReadOnlyList<ExamSummary> summaries;
                if (!parse.GetValue(bench))
                {
                    summaries = await Progress.Run("grading and reports", (progress, token) =>
                        runtime.Get<DemoRunner>().RunAsync(options, line => AnsiConsole.WriteLine(line), progress, token), ct);
                }
                else
                {
                    var prepared = await runtime.Get<DemoRunner>().PrepareAsync(options, line => AnsiConsole.WriteLine(line), ct);
                    var startedAt = DateTimeOffset.UtcNow;
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    await using var workersRuntime = await ServiceRuntime.StartAsync(bank, null, spec,
                        connectionString: runtime.Database.ConnectionString, ct: ct);
                    summaries = await Progress.Run("grading and reports", (progress, token) =>
                        runtime.Get<DemoRunner>().FinishAsync(options, prepared, clock, progress, token), ct);
                    var profile = await DemoRunner.ProfileAsync(runtime.Services, prepared, startedAt, spec.WorkerCount, ct);
                    AnsiConsole.WriteLine(profile);
                }
                Print(summaries, folder, parse.GetValue(bench));
                return summaries.Any(s => s.Failed > 0) ? 1 : 0;
            }, parse.GetValue(bench) ? null : spec);
        });
        return command;
    }

    private static void Print(IReadOnlyList<ExamSummary> summaries, string folder, bool bench)
    {
        // Piped output has no terminal width; give the table room rather than cutting its headers.
        if (!AnsiConsole.Profile.Capabilities.Interactive) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 120);
        var table = new Table().Title("Demo course").Border(TableBorder.Simple)
            .AddColumns("exam", "students", "graded", "reports", "failed", "mean", "median", "max", "format errors", "rules fired");
        foreach (var s in summaries)
        {
            table.AddRow(Markup.Escape(s.ExamId), N(s.Students), N(s.Graded), N(s.Reported), N(s.Failed),
                s.Mean.ToString("0.0", CultureInfo.InvariantCulture), s.Median.ToString("0.0", CultureInfo.InvariantCulture),
                s.Max.ToString("0", CultureInfo.InvariantCulture), N(s.FormatErrors), N(s.FeedbackRules));
        }
        AnsiConsole.Write(table);
        var time = summaries.Count > 0 ? summaries[0].GradingTime.TotalSeconds : 0;
        AnsiConsole.WriteLine(bench
            ? $"workers started (every submission stored) to last report stored: {time.ToString("0.0", CultureInfo.InvariantCulture)} s"
            : $"first submission sent to last report stored: {time.ToString("0.0", CultureInfo.InvariantCulture)} s");
        AnsiConsole.WriteLine($"written to {folder}: roster.csv, <exam>/<student>.pdf, <exam>-summary.pdf, <exam>-grades.csv");
    }

    private static string N(int x) => x.ToString(CultureInfo.InvariantCulture);
}
