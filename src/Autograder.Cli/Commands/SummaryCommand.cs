using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Reports.Summaries;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder summary --results DIR -o summary.pdf</c>: the course summary over a folder of graded results.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var results = new Option<string?>("--results") { Description = "A folder of graded results (*.json, as written by `autograder grade --exam ... -o`)." };
        var output = new Option<string?>("--output", "-o") { Description = "The PDF to write." };
        var course = new Option<string>("--course") { Description = "The course name.", DefaultValueFactory = _ => "Deep Neural Networks" };
        var command = new Command("summary", "Write the course summary of an exam's graded results.") { results, output, course };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(results) ?? throw new BadInputException("--results", "is required: a folder of graded results");
            var file = parse.GetValue(output) ?? throw new BadInputException("--output", "is required: the PDF file to write");
            if (!Directory.Exists(dir)) throw new BadInputException("--results", $"folder '{dir}' does not exist");
            var files = Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new BadInputException("--results", $"folder '{dir}' has no .json results");
            var loaded = new List<ExamResult>();
            foreach (var path in files) loaded.Add(ReportCommand.ReadResult("@" + path, $"--results: {Path.GetFileName(path)}"));
            var exams = loaded.Select(r => r.ExamId).Distinct(StringComparer.Ordinal).ToList();
            if (exams.Count > 1) throw new BadInputException("--results", $"the folder mixes exams ({string.Join(", ", exams)}); give one exam's results");
            var pdf = CourseSummary.Render(new CourseSummaryInput(parse.GetValue(course)!, loaded[0].ExamTitle, loaded));
            ReportCommand.Write(file, pdf, "--output");
            Console.Out.WriteLine($"wrote {file}: {loaded.Count} results of {exams[0]}");
            return 0;
        });
        return command;
    }
}
