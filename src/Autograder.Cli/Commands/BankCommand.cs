using System.CommandLine;
using Autograder.Solvers.Validation;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder bank list|validate</c>.</summary>
internal static class BankCommand
{
    public static Command Create()
    {
        var command = new Command("bank", "The problem bank.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Validate());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List every problem with its topic, parts, answer types and the exams that use it.");
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            foreach (var problem in bank.Problems.Values.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal))
            {
                var exams = bank.ExamsUsing(problem.Id).ToList();
                Console.Out.WriteLine($"{problem.Id}  [{problem.Topic}]  {problem.Points} pts  exams: {(exams.Count == 0 ? "-" : string.Join(", ", exams))}");
                Console.Out.WriteLine($"    {problem.Title}");
                Console.Out.WriteLine($"    parts: {string.Join(", ", problem.Parts.Select(p => $"{p.Id} ({p.Type.ToString().ToLowerInvariant()})"))}");
            }
            return 0;
        });
        return command;
    }

    private static Command Validate()
    {
        var variants = new Option<int>("--variants") { Description = "Variants to generate per problem.", DefaultValueFactory = _ => 200 };
        var command = new Command("validate", "Load every problem, generate, solve and grade its variants and samples.") { variants };
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var count = parse.GetValue(variants);
            if (count < 0) throw new Core.Inputs.BadInputException("--variants", "must not be negative");
            var error = BankValidator.Validate(bank, count);
            if (error is not null)
            {
                Console.Error.WriteLine($"invalid: {error}");
                return 1;
            }
            var samples = bank.Problems.Values.Sum(p => p.Samples.Count);
            Console.Out.WriteLine($"ok: {bank.Problems.Count} problems, {bank.Exams.Count} exams, {count} variants each, {samples} samples graded as expected");
            return 0;
        });
        return command;
    }
}
