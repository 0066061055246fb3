using System.CommandLine;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;
using Autograder.Solvers.Variants;

namespace Autograder.Cli.Commands;

/// <summary>How a command picks a variant: <c>--seed N [--student ID]</c>, <c>--params JSON</c> or <c>--canonical</c>.</summary>
internal sealed class VariantOptions
{
    public Option<long?> Seed { get; } = new("--seed") { Description = "The exam seed the variant is generated from." };
    public Option<string> Student { get; } = new("--student") { Description = "The student id (default: none).", DefaultValueFactory = _ => "" };
    public Option<string?> Params { get; } = new("--params") { Description = "Explicit params as JSON, or @file.json." };
    public Option<bool> Canonical { get; } = new("--canonical") { Description = "The params printed in the seed document." };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Student);
        command.Options.Add(Params);
        command.Options.Add(Canonical);
    }

    public Variant Make(ParseResult parse, ProblemDefinition problem)
    {
        var seed = parse.GetValue(Seed);
        var json = parse.GetValue(Params);
        var canonical = parse.GetValue(Canonical);
        var chosen = (seed is null ? 0 : 1) + (json is null ? 0 : 1) + (canonical ? 1 : 0);
        if (chosen != 1) throw new BadInputException("--seed", "give exactly one of --seed N, --params JSON or --canonical");
        if (canonical) return VariantFactory.Canonical(problem);
        if (json is not null) return VariantFactory.FromParams(problem, CliSupport.ReadJsonObject(json, "--params"), null, parse.GetValue(Student) ?? "");
        return VariantFactory.Create(problem, seed!.Value, parse.GetValue(Student) ?? "");
    }
}
