using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder roster import roster.csv --course C [--role student|ta|instructor]</c>.</summary>
internal static class RosterCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("roster.csv") { Description = "A CSV with the columns id, name, email." };
        var role = new Option<string>("--role") { Description = "student (default), ta or instructor.", DefaultValueFactory = _ => "student" };
        var import = new Command("import", "Enroll everyone in a roster CSV.") { file, CourseServiceCommands.CourseOption, role };
        import.SetAction(parse =>
        {
            var students = Roster.Load(parse.GetValue(file)!);
            var as_ = parse.GetValue(role) switch
            {
                "student" => CourseRole.Student,
                "ta" => CourseRole.Ta,
                "instructor" => CourseRole.Instructor,
                var other => throw new BadInputException("--role", $"'{other}' is not student, ta or instructor"),
            };
            return CourseServiceCommands.Run(parse, async (runtime, ct) =>
            {
                var (added, known) = await runtime.Get<CourseService>().ImportRosterAsync(parse.GetValue(CourseServiceCommands.CourseOption)!, students, as_, ct);
                Console.WriteLine($"{added} enrolled, {known} already enrolled");
                return 0;
            });
        });
        return new Command("roster", "Course rosters.") { import };
    }
}
