using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Jobs.Courses;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder grades export EXAM --course C --format csv [-o grades.csv]</c>.</summary>
internal static class GradesCommand
{
    public static Command Create()
    {
        var examId = new Argument<string>("exam-id");
        var format = new Option<string>("--format") { Description = "csv (one row per student, one column per problem, plus total).", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var export = new Command("export", "Export an exam's grades.") { examId, CourseServiceCommands.CourseOption, format, output };
        export.SetAction(parse =>
        {
            if (parse.GetValue(format) != "csv") throw new BadInputException("--format", $"'{parse.GetValue(format)}' is not supported (csv)");
            return CourseServiceCommands.Run(parse, async (runtime, ct) =>
            {
                var exam = await runtime.Get<CourseService>().FindExamAsync(parse.GetValue(CourseServiceCommands.CourseOption)!, parse.GetValue(examId)!, ct);
                if (parse.GetValue(output) is { } path)
                {
                    await using var file = new StreamWriter(path);
                    await runtime.Get<GradesExport>().WriteCsvAsync(exam, file, ct);
                }
                else
                {
                    await runtime.Get<GradesExport>().WriteCsvAsync(exam, Console.Out, ct);
                }
                return 0;
            });
        });
        return new Command("grades", "Grades of a course.") { export };
    }
}
