using System.CommandLine;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Publishing;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder exam publish EXAM --course C --seed S</c>: stores every student's variant, with a progress bar.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var examId = new Argument<string>("exam-id");
        var seed = new Option<long>("--seed") { Description = "The exam seed: variants are a function of it and the student id.", Required = true };
        var command = new Command("publish", "Generate and store every student's variant of an exam in a course.") { examId, CourseServiceCommands.CourseOption, seed };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var definition = runtime.Get<Core.Bank.ProblemBank>().Exam(parse.GetValue(examId)!);
            var exam = await runtime.Get<CourseService>().ExamAsync(parse.GetValue(CourseServiceCommands.CourseOption)!, definition, parse.GetValue(seed), ct);
            var created = await Progress.Run("publishing " + definition.Id, (progress, token) =>
                runtime.Get<PublishExamJob>().PublishAsync(exam.Id, null, progress, token), ct);
            Console.WriteLine($"{definition.Id} published: {created} variants stored");
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
