using System.CommandLine;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Sittings;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder exam publish EXAM --course C --seed S [--opens T] [--closes T] [--late-until T | --late-hours H]
/// [--late-penalty P] [--late-per day|once]</c>: stores every student's variant, with a progress bar.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var examId = new Argument<string>("exam-id");
        var seed = new Option<long>("--seed") { Description = "The exam seed: variants are a function of it and the student id.", Required = true };
        var opens = new Option<DateTimeOffset?>("--opens") { Description = "When students may start (ISO 8601, such as 2026-12-01T09:00Z); default: at once." };
        var closes = new Option<DateTimeOffset?>("--closes") { Description = "When a submission is due; default: never." };
        var lateUntil = new Option<DateTimeOffset?>("--late-until") { Description = "Take late submissions until then (after --closes)." };
        var lateHours = new Option<double?>("--late-hours") { Description = "Take late submissions for this many hours after --closes." };
        var latePenalty = new Option<double?>("--late-penalty") { Description = "Percent of the total a late submission loses (0 to 100; default 0)." };
        var latePer = new Option<string>("--late-per") { Description = "day: the penalty per started day late (at most 100%); once: a flat penalty.", DefaultValueFactory = _ => "day" };
        latePer.AcceptOnlyFromAmong("day", "once");
        var command = new Command("publish", "Generate and store every student's variant of an exam in a course.")
        {
            examId, CourseServiceCommands.CourseOption, seed, opens, closes, lateUntil, lateHours, latePenalty, latePer,
        };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var definition = runtime.Get<Core.Bank.ProblemBank>().Exam(parse.GetValue(examId)!);
            var (from, to) = (parse.GetValue(opens), parse.GetValue(closes));
            if (from is { } o && to is { } c && c <= o) throw new Core.Inputs.BadInputException("closes", "must be after --opens");
            // A late policy is asked for by any of its options; checked before anything is stored.
            var late = parse.GetValue(lateUntil) is null && parse.GetValue(lateHours) is null && parse.GetValue(latePenalty) is null ? null
                : new LatePolicyInput(parse.GetValue(lateUntil), parse.GetValue(lateHours), parse.GetValue(latePenalty) ?? 0, parse.GetValue(latePer) == "day");
            var cutOff = late?.CutOff(to);
            var exam = await runtime.Get<CourseService>().ExamAsync(parse.GetValue(CourseServiceCommands.CourseOption)!, definition, parse.GetValue(seed), ct);
            if (from is not null || to is not null || late is not null)
            {
                await using var db = runtime.Database.CreateContext();
                await db.Exams.Where(e => e.Id == exam.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.OpensAt, from).SetProperty(e => e.ClosesAt, to)
                    .SetProperty(e => e.LateUntil, cutOff).SetProperty(e => e.LatePenaltyPercent, late == null ? 0 : late.PenaltyPercent!.Value)
                    .SetProperty(e => e.LatePenaltyPerDay, late != null && late.PerDay), ct);
            }
            var created = await Progress.Run("publishing " + definition.Id, (progress, token) =>
                runtime.Get<PublishExamJob>().PublishAsync(exam.Id, null, progress, token), ct);
            Console.WriteLine($"{definition.Id} published: {created} variants stored" + (cutOff is { } until
                ? $"; late submissions until {until:yyyy-MM-dd HH:mm} UTC at -{late!.PenaltyPercent:0.##}%{(late.PerDay ? " per started day" : "")}" : ""));
            return 0;
        }));
        return command;
    }
}

/// <summary>A progress bar for long operations (plain text when the output is not a terminal).</summary>
internal static class Progress
{
    public static async Task<T> Run<T>(string label, Func<IProgress<(int Done, int Total)>, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return await work(new Progress<(int, int)>(), ct);
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: 1);
                result = await work(new Reporter(task), ct);
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class Reporter(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
