using System.Diagnostics;
using Autograder.Core.Bank;
using Autograder.Data.Tests.Support;
using Autograder.Jobs.Tests.Support;

namespace Autograder.Jobs.Tests.Cli;

/// <summary>The instructor commands as a user runs them, against a fresh database named by ConnectionStrings__Default.</summary>
public sealed class InstructorCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("autograder-cli-").FullName;

    [Fact]
    public async Task Commands_CreatePublishSubmitGradeExportAndGetTheReport()
    {
        var db = await Task.Run(() => PostgresServer.CreateDatabase("cli"));
        var roster = Path.Combine(folder, "roster.csv");
        await File.WriteAllLinesAsync(roster, ["id,name,email", "s001,Ada Lovelace,ada@example.edu", "s002,Alan Turing,alan@example.edu"]);
        var answers = Path.Combine(folder, "answers.json");
        await File.WriteAllTextAsync(answers, """{"conv-output-shapes": {"first": "[10, 64, 32, 32]", "second": "10 x 64 x 15 x 15"}}""");

        Assert.Equal(0, Run(db, "course", "create", "dl", "--title", "Deep learning").Code);
        Assert.Contains("2 enrolled", Run(db, "roster", "import", roster, "--course", "dl").Output);
        Assert.Contains("published", Run(db, "exam", "publish", "sp23-midterm", "--course", "dl", "--seed", "7").Output);
        var sent = Run(db, "submit", "--course", "dl", "--exam", "sp23-midterm", "--student", "s001", "--answers", "@" + answers);
        Assert.Contains("queued for grading", sent.Output);
        Assert.Contains("already received", Run(db, "submit", "--course", "dl", "--exam", "sp23-midterm", "--student", "s001", "--answers", "@" + answers).Output);
        var id = System.Text.RegularExpressions.Regex.Match(sent.Output, @"submission (\d+)").Groups[1].Value;
        // No worker yet, so nothing gives it a grade job: it waits in the database, and status says so.
        Assert.Contains("waiting for a grade job: 1 (a running worker gives them one; none is running)", Run(db, "status", "--course", "dl").Output);

        using (var worker = new WorkerProcess(db, workers: 1, TimeSpan.Zero, TimeSpan.FromSeconds(30)))
        {
            var clock = Stopwatch.StartNew();
            while (!Run(db, "status", "--course", "dl").Output.Contains("reported 1", StringComparison.Ordinal))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "not graded and reported: " + worker.Output);
                await Task.Delay(500);
            }
        }

        var csv = Path.Combine(folder, "grades.csv");
        Assert.Equal(0, Run(db, "grades", "export", "sp23-midterm", "--course", "dl", "--format", "csv", "-o", csv).Code);
        var lines = await File.ReadAllLinesAsync(csv);
        // The header and one row per student, each ending with its total and the points possible.
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",total,points_possible", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("s001,Ada Lovelace,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",,139", lines[2], StringComparison.Ordinal); // s002 handed nothing in: no total, out of the midterm's 139

        var pdf = Path.Combine(folder, "s001.pdf");
        Assert.Equal(0, Run(db, "report", "get", id, "-o", pdf).Code);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(pdf))[..4]);
    }

    [Theory]
    [InlineData("--queues", "default,nope", "--queues")]
    [InlineData("--workers", "0", "--workers")]
    public void Worker_BadOption_ExitsWith2AndOneLineNamingIt(string option, string value, string field)
    {
        var run = Run("Host=127.0.0.1;Port=1;Database=none", "worker", option, value);
        Assert.Equal(2, run.Code);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(field, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_UnreachableDatabase_SaysSoInOneLine()
    {
        var run = Run("Host=127.0.0.1;Port=1;Database=none;Timeout=2", "status");
        Assert.Equal(1, run.Code);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: database: cannot reach PostgreSQL", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExamPublish_WithALatePolicy_StoresIt_AndABadPenaltyExitsWith2NamingItAndStoresNothing()
    {
        var db = await Task.Run(() => PostgresServer.CreateDatabase("cli"));
        Assert.Equal(0, Run(db, "course", "create", "dl", "--title", "Deep learning").Code);
        string[] publish = ["exam", "publish", "sp23-midterm", "--course", "dl", "--seed", "7", "--closes", "2026-12-08T09:00Z", "--late-hours", "48"];

        var bad = Run(db, [.. publish, "--late-penalty", "150"]);
        Assert.Equal(2, bad.Code);
        var line = Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --late-penalty: must be a percent between 0 and 100", line, StringComparison.Ordinal);
        var noClose = Run(db, "exam", "publish", "sp23-midterm", "--course", "dl", "--seed", "7", "--late-hours", "48");
        Assert.Equal((2, "error: --late-until: late submissions need a closing time: lateness is counted from the close"), (noClose.Code, noClose.Error.Trim()));
        await using (var context = new Data.AutograderDb(Data.Database.Options(db)))
            Assert.Empty(context.Exams);

        var done = Run(db, [.. publish, "--late-penalty", "10"]);
        Assert.Equal(0, done.Code);
        Assert.Contains("late submissions until 2026-12-10 09:00 UTC at -10% per started day", done.Output, StringComparison.Ordinal);
        await using var check = new Data.AutograderDb(Data.Database.Options(db));
        var exam = Assert.Single(check.Exams);
        Assert.Equal((new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero), 10.0, true), (exam.LateUntil!.Value, exam.LatePenaltyPercent, exam.LatePenaltyPerDay));
    }

    private static (int Code, string Output, string Error) Run(string connectionString, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "autograder.dll"), "--bank", ProblemBank.Locate(), .. args]) info.ArgumentList.Add(a);
        info.Environment["ConnectionStrings__Default"] = connectionString;
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
