using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;

namespace Autograder.Cli;

/// <summary>What every command shares: the bank option, JSON in and out, and the exit-code policy (2 = bad input, one line).</summary>
internal static class CliSupport
{
    public static readonly Option<string?> BankOption = new("--bank")
    {
        Description = "The problem-bank folder (default: $AUTOGRADER_BANK, else ./problem-bank here or above).",
        Recursive = true,
    };

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(RootCommand root, string[] args)
    {
        // No response files: --params @file.json and --answers @file are read by ReadJsonObject, not expanded as arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {Plain(parse.Errors[0].Message)}");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (BadInputException e)
        {
            Console.Error.WriteLine($"error: {Flag(parse, e.Field)}: {e.Reason}");
            return 2;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            Console.Error.WriteLine($"error: setting: {e.Message}");
            return 2;
        }
        catch (BankException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Services name the request's fields (as an API caller sends them); here they are named by this command's flags.</summary>
    private static readonly Dictionary<string, string> FlagOf = new(StringComparer.Ordinal)
    {
        ["idempotency_key"] = "--key",
        ["rubric_items"] = "--items",
        ["submission"] = "--submission",
    };

    private static string Flag(ParseResult parse, string field)
    {
        if (field.StartsWith('-') || field.Contains('.') || field.Contains('[')) return field;
        var flag = FlagOf.GetValueOrDefault(field, "--" + field.Replace('_', '-'));
        return parse.CommandResult.Command.Options.Any(o => o.Name == flag || o.Aliases.Contains(flag)) ? flag : field;
    }

    /// <summary>System.CommandLine names .NET types in its messages; people want the option and what it takes.</summary>
    private static string Plain(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'");
        if (!match.Success) return message;
        var kind = match.Groups["type"].Value.Contains("Int", StringComparison.Ordinal) ? "a whole number" : "a value of the right kind";
        return $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {kind}";
    }

    public static ProblemBank LoadBank(ParseResult parse) => BankLoader.Load(ProblemBank.Locate(parse.GetValue(BankOption)));

    /// <summary>Reads a JSON object given inline or as <c>@file</c> (<c>@-</c> for standard input); errors name the option.</summary>
    public static JsonObject ReadJsonObject(string text, string field)
    {
        var json = text;
        if (text.StartsWith('@'))
        {
            var path = text[1..];
            try
            {
                json = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BadInputException(field, $"cannot read '{path}': {e.Message}");
            }
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new BadInputException(field, "must be a JSON object such as {\"x\": 1}");
        }
        catch (JsonException e)
        {
            throw new BadInputException(field, $"is not valid JSON: {e.Message}");
        }
    }

    public static void WriteJson(JsonNode node, bool indented = true) =>
        Console.Out.WriteLine(node.ToJsonString(indented ? Indented : Compact));
}
