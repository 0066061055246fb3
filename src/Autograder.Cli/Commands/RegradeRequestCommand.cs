using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Jobs.Regrading;
using Spectre.Console;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder regrade-request file|list|answer</c>: a student asks for a second look; a TA answers.</summary>
internal static class RegradeRequestCommand
{
    public static Command Create()
    {
        var command = new Command("regrade-request", "Regrade requests: a student files one, a TA answers it.");
        command.Subcommands.Add(File());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Answer());
        return command;
    }

    private static Command File()
    {
        var id = new Argument<long>("submission") { Description = "The submission id." };
        var problem = new Option<string>("--problem") { Description = "The problem to look at again.", Required = true };
        var part = new Option<string?>("--part") { Description = "One part of it (default: the whole problem)." };
        var reason = new Option<string>("--reason") { Description = "What should be looked at again, and why.", Required = true };
        var command = new Command("file", "File a regrade request for a graded submission.") { id, problem, part, reason };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var request = await runtime.Get<RegradeRequests>().FileAsync(parse.GetValue(id), parse.GetValue(problem)!, parse.GetValue(part), parse.GetValue(reason)!, ct);
            Console.WriteLine($"regrade request {request.Id} filed for submission {request.SubmissionId}, {request.ProblemId}{(request.PartId is null ? "" : "/" + request.PartId)}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var all = new Option<bool>("--all") { Description = "Answered requests too." };
        var command = new Command("list", "The course's open regrade requests.") { CourseServiceCommands.CourseOption, all };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            var requests = await runtime.Get<RegradeRequests>().ListAsync(parse.GetValue(CourseServiceCommands.CourseOption)!, !parse.GetValue(all), ct);
            var table = new Table().AddColumns("id", "submission", "student", "problem", "part", "state", "reason", "answer");
            foreach (var r in requests)
                table.AddRow($"{r.Id}", $"{r.SubmissionId}", Markup.Escape(r.RequestedBy), Markup.Escape(r.ProblemId), Markup.Escape(r.PartId ?? ""),
                    r.State.ToString().ToLowerInvariant(), Markup.Escape(r.Reason), Markup.Escape(r.Response ?? ""));
            AnsiConsole.Write(table);
            Console.WriteLine($"{requests.Count} requests");
            return 0;
        }));
        return command;
    }

    private static Command Answer()
    {
        var id = new Argument<long>("request") { Description = "The request id (see `regrade-request list`)." };
        var accept = new Option<bool>("--accept") { Description = "Accept it (change the score with `ta grade`)." };
        var reject = new Option<bool>("--reject") { Description = "Reject it." };
        var response = new Option<string>("--response") { Description = "The answer the student reads.", Required = true };
        var by = new Option<string>("--by") { Description = "Who answers (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("answer", "Answer a regrade request; the student's report shows the answer.") { id, accept, reject, response, by };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            if (parse.GetValue(accept) == parse.GetValue(reject)) throw new BadInputException("--accept", "give exactly one of --accept or --reject");
            var request = await runtime.Get<RegradeRequests>().AnswerAsync(parse.GetValue(id), parse.GetValue(accept), parse.GetValue(by)!, parse.GetValue(response)!, ct);
            Console.WriteLine($"regrade request {request.Id} {request.State.ToString().ToLowerInvariant()} by {request.ResolvedBy}; the report is queued to be rendered again");
            return 0;
        }));
        return command;
    }
}
