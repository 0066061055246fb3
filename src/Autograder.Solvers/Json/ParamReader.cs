using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;

namespace Autograder.Solvers.Json;

/// <summary>
/// Reads solver params from one JSON object. Every failure is a <see cref="BadInputException"/> whose
/// field is the path of the offending value, such as <c>params.tree.children[0].logp</c>.
/// A property that is absent or JSON <c>null</c> counts as missing; optional ones then take their default.
/// </summary>
public sealed class ParamReader
{
    private readonly JsonObject _node;

    public ParamReader(JsonObject parameters)
        : this(parameters, "params")
    {
    }

    private ParamReader(JsonObject node, string path)
    {
        _node = node;
        Path = path;
    }

    /// <summary>The path of this object, <c>params</c> at the top.</summary>
    public string Path { get; }

    public string Field(string name) => $"{Path}.{name}";

    public bool Has(string name) => _node[name] is not null;

    public BadInputException Bad(string name, string message) => new(Field(name), message);

    public JsonNode Required(string name) =>
        _node[name] ?? throw Bad(name, "is required");

    public double Number(string name) => ToNumber(Required(name), Field(name));

    public double OptionalNumber(string name, double fallback) => Has(name) ? Number(name) : fallback;

    /// <summary>A number within [min, max]; either bound may be left open.</summary>
    public double NumberIn(string name, double min, double max)
    {
        var value = Number(name);
        return value >= min && value <= max
            ? value
            : throw Bad(name, $"must lie in [{Show(min)}, {Show(max)}], got {Show(value)}");
    }

    public int Integer(string name, int min) => ToInteger(Required(name), Field(name), min);

    public int OptionalInteger(string name, int fallback, int min) => Has(name) ? Integer(name, min) : fallback;

    public string Text(string name) => ToText(Required(name), Field(name));

    public string? OptionalText(string name) => Has(name) ? Text(name) : null;

    /// <summary>An integer <c>k</c> (meaning <c>(k, k)</c>) or a pair <c>[a, b]</c>; each at least <paramref name="min"/>.</summary>
    public (int First, int Second) IntegerOrPair(string name, int min)
    {
        var node = Required(name);
        var field = Field(name);
        if (node is not JsonArray array)
        {
            var single = ToInteger(node, field, min);
            return (single, single);
        }

        var pair = ToIntegers(array, field, min);
        return pair.Length == 2 ? (pair[0], pair[1]) : throw new BadInputException(field, "must be an integer or a pair [a, b]");
    }

    public (int First, int Second) OptionalIntegerOrPair(string name, int fallback, int min) =>
        Has(name) ? IntegerOrPair(name, min) : (fallback, fallback);

    public double[] Vector(string name, int minLength = 1) => ToVector(Required(name), Field(name), minLength);

    public double[] OptionalVector(string name) => Has(name) ? Vector(name) : [];

    public int[] Integers(string name, int min) => ToIntegers(Required(name), Field(name), min);

    public string[] Texts(string name, int minLength = 1)
    {
        var array = ToArray(Required(name), Field(name), minLength);
        return [.. array.Select((item, i) => ToText(item, $"{Field(name)}[{i}]"))];
    }

    /// <summary>Booleans; 0 and 1 are accepted for false and true.</summary>
    public bool[] Flags(string name)
    {
        var array = ToArray(Required(name), Field(name), 1);
        return [.. array.Select((item, i) => ToFlag(item, $"{Field(name)}[{i}]"))];
    }

    /// <summary>A rectangular, non-empty matrix given as an array of rows.</summary>
    public double[][] Matrix(string name) => ToMatrix(Required(name), Field(name));

    public ParamReader Object(string name) =>
        Required(name) is JsonObject obj ? new ParamReader(obj, Field(name)) : throw Bad(name, "must be an object");

    public IReadOnlyList<ParamReader> Objects(string name, int minLength = 1) => ToObjects(Required(name), Field(name), minLength);

    public IReadOnlyList<ParamReader> OptionalObjects(string name) => Has(name) ? ToObjects(Required(name), Field(name), 0) : [];

    public static double ToNumber(JsonNode? node, string field)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            throw new BadInputException(field, "must be a number");
        }

        // The text form works whatever CLR type backs the value (parsed JSON, int, decimal, ...).
        var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? number : throw new BadInputException(field, "must be a finite number");
    }

    public static int ToInteger(JsonNode? node, string field, int min)
    {
        var number = ToNumber(node, field);
        if (number != Math.Floor(number) || number is < int.MinValue or > int.MaxValue)
        {
            throw new BadInputException(field, $"must be an integer, got {Show(number)}");
        }

        var integer = (int)number;
        return integer >= min ? integer : throw new BadInputException(field, $"must be at least {min}, got {integer}");
    }

    public static string ToText(JsonNode? node, string field) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new BadInputException(field, "must be a string");

    public static bool ToFlag(JsonNode? node, string field)
    {
        switch (node?.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var number = ToNumber(node, field);
                return number is 0 or 1 ? number == 1 : throw new BadInputException(field, "must be true or false");
            default:
                throw new BadInputException(field, "must be true or false");
        }
    }

    public static JsonArray ToArray(JsonNode? node, string field, int minLength)
    {
        if (node is not JsonArray array)
        {
            throw new BadInputException(field, "must be an array");
        }

        return array.Count >= minLength
            ? array
            : throw new BadInputException(field, minLength == 1 ? "must not be empty" : $"must have at least {minLength} entries");
    }

    public static double[] ToVector(JsonNode? node, string field, int minLength = 1)
    {
        var array = ToArray(node, field, minLength);
        return [.. array.Select((item, i) => ToNumber(item, $"{field}[{i}]"))];
    }

    public static int[] ToIntegers(JsonNode? node, string field, int min)
    {
        var array = ToArray(node, field, 1);
        return [.. array.Select((item, i) => ToInteger(item, $"{field}[{i}]", min))];
    }

    public static double[][] ToMatrix(JsonNode? node, string field)
    {
        var array = ToArray(node, field, 1);
        var rows = array.Select((row, i) => ToVector(row, $"{field}[{i}]")).ToArray();
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i].Length != rows[0].Length)
            {
                throw new BadInputException($"{field}[{i}]", $"has {rows[i].Length} entries but row 0 has {rows[0].Length}");
            }
        }

        return rows;
    }

    private static List<ParamReader> ToObjects(JsonNode node, string field, int minLength)
    {
        var array = ToArray(node, field, minLength);
        return
        [
            .. array.Select((item, i) => item is JsonObject obj
                ? new ParamReader(obj, $"{field}[{i}]")
                : throw new BadInputException($"{field}[{i}]", "must be an object")),
        ];
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
