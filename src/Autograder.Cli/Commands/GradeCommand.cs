using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Solvers.Validation;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder grade &lt;problem-id&gt; --seed N --answers JSON|@file</c>: a JSON result per part.</summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var problemId = new Argument<string>("problem-id") { Description = "The problem to grade." };
        var answers = new Option<string?>("--answers") { Description = "The answers as JSON {\"part-id\": answer}, or @file.json." };
        var variantOptions = new VariantOptions();
        var command = new Command("grade", "Grade a student's answers to one variant of a problem.") { problemId, answers };
        variantOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var problem = bank.Problem(parse.GetValue(problemId)!);
            var variant = variantOptions.Make(parse, problem);
            var given = CliSupport.ReadJsonObject(parse.GetValue(answers) ?? throw new BadInputException("--answers", "is required: JSON {\"part-id\": answer} or @file.json"), "--answers");
            var result = BankValidator.Grader.Grade(problem, variant, given).ToJson();
            result["seed"] = variant.Seed;
            result["student"] = variant.StudentId;
            CliSupport.WriteJson(result);
            return 0;
        });
        return command;
    }
}
