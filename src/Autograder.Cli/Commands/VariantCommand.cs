using System.CommandLine;
using Autograder.Core.Templates;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder variant &lt;problem-id&gt; --seed N</c>: params, reference answers and the rendered statement.</summary>
internal static class VariantCommand
{
    public static Command Create()
    {
        var problemId = new Argument<string>("problem-id") { Description = "The problem, as listed by `autograder bank list`." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var variantOptions = new VariantOptions();
        var command = new Command("variant", "Show one variant of a problem.") { problemId, json };
        variantOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var problem = bank.Problem(parse.GetValue(problemId)!);
            var variant = variantOptions.Make(parse, problem);
            var statement = StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);
            if (parse.GetValue(json))
            {
                var output = variant.ToJson();
                output["statement"] = statement;
                CliSupport.WriteJson(output);
                return 0;
            }
            Console.Out.WriteLine($"# {problem.Title} ({problem.Id} v{problem.Version}, {problem.Points} points)");
            Console.Out.WriteLine(variant.Seed is null ? "variant: explicit params" : $"variant: seed {variant.Seed}, student '{variant.StudentId}'");
            Console.Out.WriteLine();
            Console.Out.WriteLine("## Params");
            Console.Out.WriteLine(variant.Params.ToJsonString(CliSupport.Indented));
            Console.Out.WriteLine();
            Console.Out.WriteLine("## Reference answers");
            foreach (var part in problem.Parts)
            {
                var reference = part.Type == Core.Bank.AnswerType.Manual
                    ? $"(graded by a TA: {string.Join("; ", part.Rubric.Select(r => $"{r.Text} [{r.Points}]"))})"
                    : Core.Grading.Grader.Reference(part, variant).Understood;
                Console.Out.WriteLine($"- {part.Id} ({part.Type.ToString().ToLowerInvariant()}, {part.Points} pts): {reference}");
            }
            Console.Out.WriteLine();
            Console.Out.WriteLine("## Statement");
            Console.Out.WriteLine(statement);
            return 0;
        });
        return command;
    }
}
