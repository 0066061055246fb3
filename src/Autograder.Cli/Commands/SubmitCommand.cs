using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Jobs.Submissions;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder submit --course C --exam E --student S --answers @file [--code file.cs --problem P] [--key K]</c>:
/// stores a submission and queues its grading. Without <c>--key</c> the key is a hash of what is sent, so sending
/// the same thing twice stores it once.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var exam = new Option<string>("--exam") { Description = "The exam id.", Required = true };
        var student = new Option<string>("--student") { Description = "The student id (as in the roster).", Required = true };
        var answers = new Option<string?>("--answers") { Description = "JSON {\"problem-id\": {\"part-id\": answer}} or @file.json." };
        var code = new Option<string?>("--code") { Description = "A C# file answering a code question." };
        var problem = new Option<string?>("--problem") { Description = "The code question the --code file answers." };
        var key = new Option<string?>("--key") { Description = "Idempotency key (default: a hash of the submission)." };
        var command = new Command("submit", "Submit a student's answers or code for grading.") { CourseServiceCommands.CourseOption, exam, student, answers, code, problem, key };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(answers) is { } a ? CliSupport.ReadJsonObject(a, "--answers") : [];
            string? source = null;
            if (parse.GetValue(code) is { } path)
            {
                if (!File.Exists(path)) throw new BadInputException("--code", $"file '{path}' does not exist");
                source = File.ReadAllText(path);
                if (parse.GetValue(problem) is null) throw new BadInputException("--problem", "is required with --code: the code question it answers");
            }
            if (source is null && parse.GetValue(answers) is null) throw new BadInputException("--answers", "is required (or --code with --problem)");
            var request = new SubmitRequest(parse.GetValue(CourseServiceCommands.CourseOption)!, parse.GetValue(exam)!, parse.GetValue(student)!, given,
                parse.GetValue(key) ?? DefaultKey(parse.GetValue(student)!, parse.GetValue(exam)!, given, source))
            {
                Code = source,
                CodeProblemId = source is null ? null : parse.GetValue(problem),
            };
            return CourseServiceCommands.Run(parse, async (runtime, ct) =>
            {
                var outcome = await runtime.Get<SubmissionService>().SubmitAsync(request, ct);
                Console.WriteLine(outcome.Created
                    ? $"submission {outcome.SubmissionId} (attempt {outcome.Attempt}) queued for grading"
                    : $"submission {outcome.SubmissionId} was already received with this key; nothing new stored");
                return 0;
            });
        });
        return command;
    }

    private static string DefaultKey(string student, string exam, JsonObject answers, string? code) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{student}\n{exam}\n{answers.ToJsonString()}\n{code}")));
}
