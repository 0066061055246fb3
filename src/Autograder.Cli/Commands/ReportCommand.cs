using System.CommandLine;
using System.Text.Json;
using Autograder.Core.Inputs;
using Autograder.Reports.StudentReports;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder report --exam ID (--seed N --student S | --canonical) --answers @file -o report.pdf</c>, or <c>--result @result.json</c>.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var exam = new Option<string?>("--exam") { Description = "The exam the answers are for." };
        var seed = new Option<long?>("--seed") { Description = "The exam seed of the student's variant." };
        var student = new Option<string?>("--student") { Description = "The student id." };
        var canonical = new Option<bool>("--canonical") { Description = "Grade against the numbers printed in the seed exam." };
        var answers = new Option<string?>("--answers") { Description = "The answers as JSON {\"problem-id\": {\"part-id\": answer}}, or @file.json." };
        var result = new Option<string?>("--result") { Description = "Instead of grading: a graded result as written by `autograder grade --exam ... -o` (JSON or @file)." };
        var output = new Option<string?>("--output", "-o") { Description = "The PDF to write." };
        var course = new Option<string>("--course") { Description = "The course name printed on the report.", DefaultValueFactory = _ => "Deep Neural Networks" };
        var release = new Option<bool>("--release-reference") { Description = "Show the reference answers." };
        var name = new Option<string?>("--student-name") { Description = "The student's name, printed beside the id." };
        var command = new Command("report", "Grade one submission and write its PDF report.") { exam, seed, student, canonical, answers, result, output, course, release, name };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(output) ?? throw new BadInputException("--output", "is required: the PDF file to write");
            ExamResult graded;
            if (parse.GetValue(result) is { } given)
            {
                graded = ReadResult(given, "--result");
            }
            else
            {
                var examId = parse.GetValue(exam) ?? throw new BadInputException("--exam", "is required (or give --result)");
                var isCanonical = parse.GetValue(canonical);
                var seedValue = parse.GetValue(seed);
                if (isCanonical == seedValue is not null) throw new BadInputException("--seed", "give exactly one of --seed N (with --student) or --canonical");
                var studentId = parse.GetValue(student) ?? (isCanonical ? "" : throw new BadInputException("--student", "is required with --seed"));
                var text = parse.GetValue(answers) ?? throw new BadInputException("--answers", "is required: JSON {\"problem-id\": {\"part-id\": answer}} or @file.json");
                var bank = CliSupport.LoadBank(parse);
                graded = ExamGrading.Grade(bank, bank.Exam(examId), seedValue ?? 0, studentId, CliSupport.ReadJsonObject(text, "--answers"), isCanonical);
            }
            if (parse.GetValue(name) is { Length: > 0 } studentName) graded = graded with { StudentName = studentName };
            var pdf = StudentReport.Render(graded, new StudentReportOptions { Course = parse.GetValue(course)!, ReleaseReference = parse.GetValue(release) });
            Write(file, pdf, "--output");
            Console.Out.WriteLine($"wrote {file}: {graded.StudentId} {Points(graded.Score)} / {Points(graded.Max)}");
            return 0;
        });
        return command;
    }

    internal static ExamResult ReadResult(string text, string field)
    {
        var json = CliSupport.ReadJsonObject(text, field);
        try
        {
            return ExamResult.FromJson(json);
        }
        catch (BadInputException e)
        {
            throw new BadInputException($"{field}: {e.Field}", e.Reason);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new BadInputException(field, $"is not a graded result: {e.Message}");
        }
    }

    internal static void Write(string file, byte[] bytes, string field)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) Directory.CreateDirectory(dir);
            File.WriteAllBytes(file, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException(field, $"cannot write '{file}': {e.Message}");
        }
    }

    internal static string Points(double x) => Math.Round(x, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
