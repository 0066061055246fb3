using System.Globalization;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autograder.Core.Bank;

/// <summary>Reads a YAML mapping field by field, so every error names the file, the line and the field.</summary>
public sealed class YamlFields(string file, YamlMappingNode node, string path)
{
    public string File { get; } = file;
    public string Path { get; } = path;
    public YamlMappingNode Node { get; } = node;

    public static YamlFields Load(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new BankException(file, (int)e.Start.Line, "(syntax)", e.InnerException?.Message ?? e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way when the file ends inside a [ ] or { } list.
            throw new BankException(file, System.IO.File.ReadLines(file).Count(), "(syntax)", "the file ends inside an unclosed [ ] or { }");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new BankException(file, 1, "(document)", "expected a mapping of fields at the top level");
        return new YamlFields(file, root, "");
    }

    private string Qualified(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public BankException Error(string key, YamlNode? at, string message) =>
        new(File, (int)(at?.Start.Line ?? Node.Start.Line), Qualified(key), message);

    public YamlNode? Get(string key) =>
        Node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public YamlNode Required(string key) => Get(key) ?? throw Error(key, Node, "is required");

    public string String(string key) => Scalar(key, Required(key));

    public string? OptionalString(string key) => Get(key) is { } n ? Scalar(key, n) : null;

    public int Int(string key, int? fallback = null)
    {
        var node = fallback is null ? Required(key) : Get(key);
        if (node is null) return fallback!.Value;
        return int.TryParse(Scalar(key, node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(key, node, $"must be an integer, not '{Scalar(key, node)}'");
    }

    public double Number(string key, double? fallback = null)
    {
        var node = fallback is null ? Required(key) : Get(key);
        if (node is null) return fallback!.Value;
        return double.TryParse(Scalar(key, node), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error(key, node, $"must be a number, not '{Scalar(key, node)}'");
    }

    public bool Bool(string key, bool fallback)
    {
        if (Get(key) is not { } node) return fallback;
        return Scalar(key, node) switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            var s => throw Error(key, node, $"must be true or false, not '{s}'"),
        };
    }

    public YamlFields Mapping(string key) =>
        Required(key) is YamlMappingNode m ? new YamlFields(File, m, Qualified(key)) : throw Error(key, Get(key), "must be a mapping");

    public YamlFields? OptionalMapping(string key) =>
        Get(key) switch
        {
            null => null,
            YamlMappingNode m => new YamlFields(File, m, Qualified(key)),
            var other => throw Error(key, other, "must be a mapping"),
        };

    public IReadOnlyList<YamlFields> MappingList(string key, bool required = true)
    {
        var node = required ? Required(key) : Get(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode seq) throw Error(key, node, "must be a list");
        var result = new List<YamlFields>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            result.Add(seq.Children[i] is YamlMappingNode m
                ? new YamlFields(File, m, $"{Qualified(key)}[{i}]")
                : throw new BankException(File, (int)seq.Children[i].Start.Line, $"{Qualified(key)}[{i}]", "must be a mapping"));
        }
        return result;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        if (Get(key) is not { } node) return [];
        if (node is not YamlSequenceNode seq) throw Error(key, node, "must be a list");
        return seq.Children.Select((c, i) => c is YamlScalarNode s ? s.Value ?? "" : throw Error($"{key}[{i}]", c, "must be a plain value")).ToList();
    }

    public JsonNode? Json(string key) => Get(key) is { } node ? YamlJson.ToJson(node) : null;

    public JsonObject JsonObject(string key) =>
        Get(key) switch
        {
            null => [],
            YamlMappingNode m => (JsonObject)YamlJson.ToJson(m)!,
            var other => throw Error(key, other, "must be a mapping"),
        };

    public IEnumerable<string> Keys => Node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Refuses fields the format does not know, so a typo ("pionts") is not silently ignored.</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var (k, v) in Node.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key, StringComparer.Ordinal))
                throw Error(key, k, $"unknown field (expected one of: {string.Join(", ", known)})");
        }
    }

    private string Scalar(string key, YamlNode node) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Error(key, node, "must be a plain value");
}
