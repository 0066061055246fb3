using System.CommandLine;
using Autograder.Jobs.Courses;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder course create CODE [--title T]</c>.</summary>
internal static class CourseCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "A short code such as dl-2026s." };
        var title = new Option<string?>("--title") { Description = "The course title." };
        var create = new Command("create", "Create a course.") { code, title };
        create.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var course = await runtime.Get<CourseService>().CreateAsync(parse.GetValue(code)!, parse.GetValue(title) ?? parse.GetValue(code)!, ct);
            Console.WriteLine($"course {course.Code} created");
            return 0;
        }));
        return new Command("course", "Courses in the grading service.") { create };
    }
}
