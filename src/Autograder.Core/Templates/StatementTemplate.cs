using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Scriban;
using Scriban.Runtime;

namespace Autograder.Core.Templates;

/// <summary>
/// Statement templates: Markdown with LaTeX math and Scriban placeholders such as <c>{{ params.d }}</c>,
/// plus helpers <c>{{ params.M | matrix }}</c>, <c>{{ params.v | vector }}</c>, <c>{{ params.x | num }}</c>.
/// </summary>
public static class StatementTemplate
{
    public static void Validate(string text, string file)
    {
        var template = Template.Parse(text, file);
        if (template.HasErrors)
        {
            var first = template.Messages[0];
            throw new BankException(file, first.Span.Start.Line + 1, "statement", first.Message);
        }
    }

    // A statement is rendered once per student: parse each distinct text once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    public static string Render(string text, JsonObject parameters, JsonObject? answers = null)
    {
        var template = Parsed.GetOrAdd(text, t => Template.Parse(t));
        var globals = new ScriptObject
        {
            ["params"] = ToScript(parameters),
            ["answers"] = answers is null ? new ScriptObject() : ToScript(answers),
        };
        globals.Import("matrix", new Func<object?, string>(Matrix));
        globals.Import("vector", new Func<object?, string>(Vector));
        globals.Import("row", new Func<object?, string>(Row));
        globals.Import("num", new Func<object?, string>(Num));
        globals.Import("tree", new Func<object?, string>(Tree));
        var context = new TemplateContext { StrictVariables = true, MemberRenamer = m => m.Name };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new BadInputException("params", $"the statement could not be rendered: {e.OriginalMessage}");
        }
    }

    private static object? ToScript(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToScriptObject(o),
        JsonArray a => ToScriptArray(a),
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => (long)i,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => node.ToString(),
    };

    private static ScriptObject ToScriptObject(JsonObject o)
    {
        var so = new ScriptObject();
        foreach (var (k, v) in o) so[k] = ToScript(v);
        return so;
    }

    private static ScriptArray ToScriptArray(JsonArray a)
    {
        var sa = new ScriptArray();
        foreach (var v in a) sa.Add(ToScript(v));
        return sa;
    }

    /// <summary>Numbers as a person writes them: integers without a point, others in their shortest round-trip form.</summary>
    public static string Num(object? value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d when Math.Abs(d - Math.Round(d)) < 1e-12 && Math.Abs(d) < 1e15 => Math.Round(d).ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        null => "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Matrix(object? value)
    {
        if (value is not ScriptArray rows) return Num(value);
        var sb = new StringBuilder("\\begin{bmatrix} ");
        sb.AppendJoin(" \\\\ ", rows.Select(r => r is ScriptArray cells ? string.Join(" & ", cells.Select(Num)) : Num(r)));
        return sb.Append(" \\end{bmatrix}").ToString();
    }

    /// <summary>A decoding tree as a nested Markdown list: each token with its log-probability given the tokens above it.</summary>
    private static string Tree(object? value)
    {
        var sb = new StringBuilder();
        void Walk(object? node, int depth)
        {
            if (node is not ScriptObject o || o["children"] is not ScriptArray children) return;
            foreach (var child in children.OfType<ScriptObject>())
            {
                sb.Append(' ', depth * 2).Append("- `").Append(child["token"]).Append("`: log p = ").Append(Num(child["logp"])).Append('\n');
                Walk(child, depth + 1);
            }
        }
        Walk(value, 0);
        return sb.ToString().TrimEnd();
    }

    private static string Vector(object? value) =>
        value is ScriptArray cells ? $"\\begin{{bmatrix}} {string.Join(" \\\\ ", cells.Select(Num))} \\end{{bmatrix}}" : Num(value);

    private static string Row(object? value) =>
        value is ScriptArray cells ? $"[{string.Join(", ", cells.Select(Num))}]" : Num(value);
}
