using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>The same params for every student: the problem's options, for questions with nothing to vary.</summary>
public sealed class FixedGenerator : IGenerator
{
    public string Id => "fixed";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options) => options.Copy();
}

/// <summary>
/// Batch, layer and instance normalization diagrams under shuffled labels A, B, C (Spring 2023 Q8a), each with
/// the axes its shaded blocks span.
/// </summary>
public sealed class NormalizationDiagramsGenerator : IGenerator
{
    private static readonly string[][] Spans = [["N", "H", "W"], ["C", "H", "W"], ["H", "W"]];

    public string Id => "normalization-diagrams";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var order = Spans.ToList();
        rng.Shuffle(order);
        return new JsonObject { ["diagrams"] = Diagrams(order) };
    }

    public static JsonArray Diagrams(IReadOnlyList<string[]> spans) =>
    [
        .. spans.Select((over, i) => (JsonNode)new JsonObject
        {
            ["label"] = ((char)('A' + i)).ToString(),
            ["over"] = new JsonArray([.. over.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["per"] = new JsonArray([.. new[] { "N", "C", "H", "W" }.Except(over).Select(a => (JsonNode)JsonValue.Create(a))]),
        }),
    ];
}

/// <summary>
/// Final validation accuracies (percent) of a ReLU and a sigmoid network under zero, Xavier and He initialization,
/// under shuffled labels (Spring 2023 Q6a, whose plot is given here in numbers).
/// </summary>
public sealed class InitializationCurvesGenerator : IGenerator
{
    public string Id => "initialization-curves";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var chance = options.Number("chance", 10);
        var heRelu = rng.NextInt(86, 95);
        var xavierRelu = rng.NextInt(70, heRelu - 6);
        var xavierSigmoid = rng.NextInt(78, 90);
        var heSigmoid = rng.NextInt(55, xavierSigmoid - 8);
        var curves = new List<(double Relu, double Sigmoid)> { (chance, chance), (xavierRelu, xavierSigmoid), (heRelu, heSigmoid) };
        rng.Shuffle(curves);
        return new JsonObject
        {
            ["chance"] = chance,
            ["curves"] = new JsonArray([.. curves.Select((c, i) => (JsonNode)new JsonObject
            {
                ["label"] = ((char)('A' + i)).ToString(),
                ["relu"] = c.Relu,
                ["sigmoid"] = c.Sigmoid,
            })]),
        };
    }
}
