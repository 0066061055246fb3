using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder solve</c>: the contract of docs/contracts/solvers.md.</summary>
internal static class SolveCommand
{
    public static Command Create()
    {
        var solverId = new Argument<string?>("solver-id") { Description = "The solver to run.", Arity = ArgumentArity.ZeroOrOne };
        var parameters = new Option<string?>("--params") { Description = "The params as JSON, or @file.json." };
        var batch = new Option<string?>("--batch") { Description = "A JSON-lines file ({\"solver\", \"params\"} per line), or - for standard input." };
        var list = new Option<bool>("--list") { Description = "List every solver id with a one-line description." };
        var command = new Command("solve", "Run a reference solver.") { solverId, parameters, batch, list };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                foreach (var listed in SolverRegistry.All.OrderBy(s => s.Id, StringComparer.Ordinal))
                    Console.Out.WriteLine($"{listed.Id,-24} {listed.Description}");
                return 0;
            }
            if (parse.GetValue(batch) is { } file) return Batch(file);
            var id = parse.GetValue(solverId) ?? throw new BadInputException("solver-id", "name a solver (see `autograder solve --list`), or use --batch or --list");
            var json = parse.GetValue(parameters) ?? throw new BadInputException("--params", "is required: the solver's params as JSON or @file.json");
            var solver = SolverRegistry.Get(id);
            CliSupport.WriteJson(solver.Solve(CliSupport.ReadJsonObject(json, "--params")), indented: false);
            return 0;
        });
        return command;
    }

    private static int Batch(string file)
    {
        TextReader reader;
        try
        {
            reader = file == "-" ? Console.In : new StreamReader(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("--batch", $"cannot read '{file}': {e.Message}");
        }
        using (reader)
        {
            var output = Console.Out;
            while (reader.ReadLine() is { } line)
            {
                output.WriteLine(SolveLine(line).ToJsonString(CliSupport.Compact));
            }
        }
        return 0;
    }

    private static JsonObject SolveLine(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject request) return Error("the line must be a JSON object {\"solver\": id, \"params\": {...}}");
            if (request["solver"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id)) return Error("solver: is required (a solver id string)");
            if (request["params"] is not JsonObject parameters) return Error("params: is required (a JSON object)");
            if (!SolverRegistry.TryGet(id, out var solver)) return Error($"solver: unknown solver id '{id}'");
            return new JsonObject { ["answers"] = solver.Solve((JsonObject)parameters.DeepClone()) };
        }
        catch (JsonException e)
        {
            return Error($"the line is not valid JSON: {e.Message}");
        }
        catch (BadInputException e)
        {
            return Error($"{e.Field}: {e.Reason}");
        }
    }

    private static JsonObject Error(string message) => new() { ["error"] = message };
}
