using System.CommandLine;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;
using Autograder.Solvers.Variants;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder exam show|variants|papers</c>.</summary>
internal static class ExamCommand
{
    public static Command Create()
    {
        var command = new Command("exam", "Exams of the problem bank.");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Variants());
        command.Subcommands.Add(ExamPapersCommand.Create());
        return command;
    }

    private static Command Show()
    {
        var examId = new Argument<string>("exam-id");
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("show", "Show an exam's problems, parts and points.") { examId, json };
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var exam = bank.Exam(parse.GetValue(examId)!);
            var problems = new JsonArray();
            foreach (var item in exam.Problems)
            {
                var problem = bank.Problem(item.ProblemId);
                var scale = problem.Points == 0 ? 0 : item.Points / problem.Points;
                problems.Add(new JsonObject
                {
                    ["id"] = problem.Id,
                    ["title"] = problem.Title,
                    ["points"] = item.Points,
                    ["parts"] = new JsonArray([.. problem.Parts.Select(p => (JsonNode)new JsonObject
                    {
                        ["id"] = p.Id,
                        ["type"] = p.Type.ToString().ToLowerInvariant(),
                        ["points"] = p.Points * scale,
                    })]),
                });
            }
            var output = new JsonObject { ["id"] = exam.Id, ["title"] = exam.Title, ["total_points"] = exam.TotalPoints, ["problems"] = problems };
            if (parse.GetValue(json))
            {
                CliSupport.WriteJson(output);
                return 0;
            }
            Console.Out.WriteLine($"{exam.Title} ({exam.Id}), {exam.TotalPoints} points");
            foreach (var p in problems)
            {
                Console.Out.WriteLine($"  {p!["id"]} ({p["points"]} pts): {p["title"]}");
                foreach (var part in p["parts"]!.AsArray())
                    Console.Out.WriteLine($"      {part!["id"],-20} {part["type"],-11} {part["points"]} pts");
            }
            return 0;
        });
        return command;
    }

    private static Command Variants()
    {
        var examId = new Argument<string>("exam-id");
        var roster = new Option<string>("--roster") { Description = "Roster CSV with the columns id, name, email.", Required = true };
        var seed = new Option<long>("--seed") { Description = "The exam seed.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for one <student-id>.json per student.", Required = true };
        var command = new Command("variants", "Write every student's variant of an exam.") { examId, roster, seed, output };
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var exam = bank.Exam(parse.GetValue(examId)!);
            var students = Roster.Load(parse.GetValue(roster)!);
            var dir = parse.GetValue(output)!;
            // Everything is generated before anything is written, so a failure leaves no half-written folder.
            var examSeed = parse.GetValue(seed);
            // Each student's variants are a pure function of the seed and the id, so they are made on every core, in roster order.
            var files = students.AsParallel().AsOrdered().Select(s => (s.Id, Json: ExamVariants.ForStudent(bank, exam, examSeed, s).ToJsonString(CliSupport.Indented) + "\n")).ToList();
            try
            {
                Directory.CreateDirectory(dir);
                foreach (var (id, text) in files) File.WriteAllText(Path.Combine(dir, id + ".json"), text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BadInputException("--out", $"cannot write to '{dir}': {e.Message}");
            }
            Console.Out.WriteLine($"wrote {files.Count} variants of {exam.Id} to {dir}");
            return 0;
        });
        return command;
    }
}
