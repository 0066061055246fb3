using System.CommandLine;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Submissions;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder status [--course C [--exam E] [--last N]]</c>: queue depths, workers, and per-submission state.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var course = new Option<string?>("--course") { Description = "Only this course's submissions." };
        var exam = new Option<string?>("--exam") { Description = "Only this exam's submissions (with --course)." };
        var last = new Option<int>("--last") { Description = "How many recent submissions to list (with --course).", DefaultValueFactory = _ => 20 };
        var command = new Command("status", "Queue depths and the state of submissions.") { course, exam, last };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            long? courseId = parse.GetValue(course) is { } code ? (await runtime.Get<CourseService>().FindAsync(code, ct)).Id : null;
            var status = await runtime.Get<StatusService>().OverviewAsync(courseId, ct);
            var queues = new Table().AddColumns("queue", "enqueued", "running");
            foreach (var q in status.Queues) queues.AddRow(q.Queue, $"{q.Enqueued}", $"{q.Fetched}");
            AnsiConsole.Write(queues);
            AnsiConsole.WriteLine($"workers: {status.Servers} servers; processing {status.Processing}, scheduled for retry {status.Scheduled}, failed {status.Failed}");
            AnsiConsole.WriteLine("submissions: " + (status.Submissions.Count == 0 ? "none" : string.Join(", ", status.Submissions.OrderBy(s => s.Key).Select(s => $"{s.Key.ToString().ToLowerInvariant()} {s.Value}"))));
            if (status.WaitingForJob > 0)
                AnsiConsole.WriteLine($"waiting for a grade job: {status.WaitingForJob} (a running worker gives them one{(status.Servers == 0 ? "; none is running" : "")})");
            if (courseId is { } id)
            {
                var rows = await runtime.Get<StatusService>().SubmissionsAsync(id, parse.GetValue(exam), parse.GetValue(last), ct);
                var table = new Table().AddColumns("id", "student", "exam", "attempt", "state", "score", "submitted", "graded", "error");
                foreach (var r in rows)
                {
                    table.AddRow(Markup.Escape($"{r.Id}"), Markup.Escape(r.Student), Markup.Escape(r.Exam), $"{r.Attempt}", r.State.ToString().ToLowerInvariant(),
                        r.Score is { } s ? $"{s:0.##}/{r.Max:0.##}" : "", $"{r.SubmittedAt:HH:mm:ss}", r.GradedAt is { } g ? $"{g:HH:mm:ss}" : "", Markup.Escape(r.Error ?? ""));
                }
                AnsiConsole.Write(table);
            }
            return 0;
        }));
        return command;
    }
}
