using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder report get SUBMISSION -o file.pdf</c>: the stored PDF report of a submission.</summary>
internal static class ReportGetCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("submission") { Description = "The submission id (see `autograder status --course C`)." };
        var output = new Option<string>("--output", "-o") { Description = "The PDF file to write.", Required = true };
        var command = new Command("get", "Write a submission's stored report.") { id, output };
        command.SetAction(parse => CourseServiceCommands.Run(parse, async (runtime, ct) =>
        {
            await using var db = runtime.Database.CreateContext();
            var submissionId = parse.GetValue(id);
            var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.SubmissionId == submissionId && r.Kind == ReportKinds.Student, ct);
            if (report is null)
            {
                var state = await db.Submissions.Where(s => s.Id == submissionId).Select(s => (SubmissionState?)s.State).SingleOrDefaultAsync(ct);
                throw new BadInputException("submission", state is null ? $"no submission {submissionId}" : $"submission {submissionId} has no report yet (it is {state.ToString()!.ToLowerInvariant()})");
            }
            await File.WriteAllBytesAsync(parse.GetValue(output)!, report.Pdf, ct);
            Console.WriteLine($"{parse.GetValue(output)}: {report.Pdf.Length} bytes, sha256 {report.Sha256}");
            return 0;
        }));
        return command;
    }
}
