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
        var format = new Option<string>("--format")
        {
            Description = "text (params, reference answers and statement), md (the statement as a student sees it) or json.",
            DefaultValueFactory = _ => "text",
        };
        var variantOptions = new VariantOptions();
        var command = new Command("variant", "Show one variant of a problem.") { problemId, json, format };
        variantOptions.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(format) is not ("text" or "md" or "json"))
                throw new Core.Inputs.BadInputException("--format", $"'{parse.GetValue(format)}' is not one of text, md, json");
            var bank = CliSupport.LoadBank(parse);
            var problem = bank.Problem(parse.GetValue(problemId)!);
            var variant = variantOptions.Make(parse, problem);
            var statement = StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);
            if (parse.GetValue(format) == "md")
            {
                Console.Out.Write(Markdown(problem, statement));
                return 0;
            }
            if (parse.GetValue(json) || parse.GetValue(format) == "json")
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
                var reference = part.Type switch
                {
                    Core.Bank.AnswerType.Code => "(the reference solution and tests of the code question: autograder run-code)",
                    Core.Bank.AnswerType.Manual => $"(graded by a TA: {string.Join("; ", part.Rubric.Select(r => $"{r.Text} [{r.Points}]"))})",
                    Core.Bank.AnswerType.Property => $"(any answer with the property {part.Options.Property}), for example {Core.Grading.Grader.Reference(part, variant).Understood}",
                    _ => Core.Grading.Grader.Reference(part, variant).Understood,
                };
                Console.Out.WriteLine($"- {part.Id} ({part.Type.ToString().ToLowerInvariant()}, {part.Points} pts): {reference}");
            }
            Console.Out.WriteLine();
            Console.Out.WriteLine("## Statement");
            Console.Out.WriteLine(statement);
            return 0;
        });
        return command;
    }

    /// <summary>The statement as a student reads it: title, statement and the parts to answer, with no answers.</summary>
    public static string Markdown(Core.Bank.ProblemDefinition problem, string statement)
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"# {problem.Title} ({Points(problem.Points)})\n\n");
        text.Append(statement.Trim()).Append("\n\n## Answers\n\n");
        foreach (var part in problem.Parts)
        {
            var kind = part.Type switch
            {
                Core.Bank.AnswerType.Manual => "written, graded by a TA",
                Core.Bank.AnswerType.Code => "C# code, run against visible and hidden tests",
                Core.Bank.AnswerType.Choice => "one of " + string.Join(", ", part.Options.Choices!.Select(c => $"`{c.Id}`")),
                Core.Bank.AnswerType.Multi => "any of " + string.Join(", ", part.Options.Choices!.Select(c => $"`{c.Id}`")),
                Core.Bank.AnswerType.Property => "matrix",
                var t => t.ToString().ToLowerInvariant(),
            };
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"- **{part.Id}** ({Points(part.Points)}; {kind}): {part.Prompt}\n");
        }
        return text.ToString();
    }

    private static string Points(double points) =>
        points == 1 ? "1 point" : $"{points.ToString(System.Globalization.CultureInfo.InvariantCulture)} points";
}
