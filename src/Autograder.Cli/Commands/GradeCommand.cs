using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Solvers.Validation;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder grade &lt;problem-id&gt; --seed N --answers JSON|@file</c>: a JSON result per part;
/// <c>autograder grade --exam &lt;exam-id&gt; --seed N --student S --answers @file [-o result.json]</c>: a whole exam.
/// </summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var problemId = new Argument<string?>("problem-id") { Description = "The problem to grade (or use --exam).", Arity = ArgumentArity.ZeroOrOne };
        var exam = new Option<string?>("--exam") { Description = "Grade a whole exam; answers are {\"problem-id\": {\"part-id\": answer}}." };
        var answers = new Option<string?>("--answers") { Description = "The answers as JSON {\"part-id\": answer}, or @file.json." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the result JSON to this file instead of stdout." };
        var variantOptions = new VariantOptions();
        var command = new Command("grade", "Grade a student's answers to one variant of a problem, or to a whole exam.") { problemId, exam, answers, output };
        variantOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var given = CliSupport.ReadJsonObject(parse.GetValue(answers) ?? throw new BadInputException("--answers", "is required: JSON answers or @file.json"), "--answers");
            var examId = parse.GetValue(exam);
            var id = parse.GetValue(problemId);
            if ((examId is null) == (id is null))
                throw new BadInputException("problem-id", "give either a problem id or --exam <exam-id>, not both");

            System.Text.Json.Nodes.JsonObject result;
            if (examId is not null)
            {
                var definition = bank.Exam(examId);
                var canonical = parse.GetValue(variantOptions.Canonical);
                var seed = parse.GetValue(variantOptions.Seed);
                if (parse.GetValue(variantOptions.Params) is not null)
                    throw new BadInputException("--params", "cannot be used with --exam: use --seed N --student S or --canonical");
                if (canonical == seed.HasValue)
                    throw new BadInputException("--seed", "give exactly one of --seed N (with --student S) or --canonical");
                result = ExamGrading.Grade(bank, definition, seed ?? 0, parse.GetValue(variantOptions.Student) ?? "", given, canonical).ToJson();
            }
            else
            {
                var problem = bank.Problem(id!);
                var variant = variantOptions.Make(parse, problem);
                result = ReferenceGrading.Grader.Grade(problem, variant, given).ToJson();
                result["seed"] = variant.Seed;
                result["student"] = variant.StudentId;
            }

            if (parse.GetValue(output) is { } path)
            {
                var full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                var temp = full + ".tmp";
                File.WriteAllText(temp, result.ToJsonString(CliSupport.Indented) + "\n");
                File.Move(temp, full, overwrite: true);
            }
            else
            {
                CliSupport.WriteJson(result);
            }
            return 0;
        });
        return command;
    }
}
