using System.CommandLine;
using Autograder.Jobs.Grading;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder ta grade SUBMISSION --problem P --part X --score S --reason TEXT [--items a,b] [--by NAME]</c>:
/// a TA's grade of a written part, or an override of a machine score, kept in the audit trail.
/// </summary>
internal static class TaCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("submission") { Description = "The submission id (see `autograder status --course C`)." };
        var problem = new Option<string>("--problem") { Description = "The problem id.", Required = true };
        var part = new Option<string>("--part") { Description = "The part id.", Required = true };
        var score = new Option<double>("--score") { Description = "The part's new score, in the exam's points.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why: shown to the student and kept in the audit trail.", Required = true };
        var items = new Option<string?>("--items") { Description = "Comma-separated rubric items the answer meets (written parts)." };
        var by = new Option<string>("--by") { Description = "Who grades (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var grade = new Command("grade", "Grade a written part, or override a part's score, with a reason; the report is rendered again.")
            { id, problem, part, score, reason, items, by };
        grade.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var rubric = (parse.GetValue(items) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var change = await runtime.Get<TaGrading>().RecordAsync(new TaGrade(parse.GetValue(id), parse.GetValue(problem)!, parse.GetValue(part)!,
                parse.GetValue(score), parse.GetValue(by)!, parse.GetValue(reason)!, rubric), ct);
            var kind = change.Kind == Data.Model.ScoreChangeKind.ManualGrade ? "graded" : "overridden";
            Console.WriteLine($"submission {change.SubmissionId}: {change.ProblemId}/{change.PartId} {kind} {change.OldScore:0.###} -> {change.NewScore:0.###} by {change.By}; the report is queued to be rendered again");
            return 0;
        }));
        var command = new Command("ta", "What TAs do: grade written parts and override scores.");
        command.Subcommands.Add(grade);
        return command;
    }
}
