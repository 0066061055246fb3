using System.CommandLine;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Regrading;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder regrade EXAM --course C [--problem P]</c>: recompute from the stored variants and list every changed score.</summary>
internal static class RegradeCommand
{
    public static Command Create()
    {
        var examId = new Argument<string>("exam-id");
        var problem = new Option<string?>("--problem") { Description = "Regrade only this problem." };
        var preview = new Option<bool>("--preview") { Description = "Print every score that would change, and store nothing." };
        var command = new Command("regrade", "Regrade an exam (or one problem) after a fix; prints every changed score.") { examId, CourseServiceCommands.CourseOption, problem, preview };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var exam = await runtime.Get<CourseService>().FindExamAsync(parse.GetValue(CourseServiceCommands.CourseOption)!, parse.GetValue(examId)!, ct);
            var apply = !parse.GetValue(preview);
            var outcome = await Progress.Run("regrading " + exam.BankExamId, (progress, token) =>
                runtime.Get<RegradeJob>().RegradeAsync(exam.Id, parse.GetValue(problem), apply, null, progress, token), ct);
            var deltas = outcome.Changes;
            if (deltas.Count == 0)
            {
                Console.WriteLine("no score changed");
                return 0;
            }
            var table = new Table().AddColumns("submission", "student", "problem", "part", "old", "new");
            foreach (var d in deltas)
                table.AddRow($"{d.SubmissionId}", Markup.Escape(d.Student), Markup.Escape(d.ProblemId), Markup.Escape(d.PartId), $"{d.OldScore:0.###}", $"{d.NewScore:0.###}");
            AnsiConsole.Write(table);
            Console.WriteLine($"{deltas.Count} scores {(apply ? "changed" : "would change (nothing stored)")} in {deltas.Select(d => d.SubmissionId).Distinct().Count()} of {outcome.Submissions} submissions");
            return 0;
        }));
        return command;
    }
}
