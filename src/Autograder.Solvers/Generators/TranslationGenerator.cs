using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>
/// A Spanish sentence, its correct English translation and a sampled translation that differs in one word
/// (Fall 2022 midterm Q9).
/// </summary>
public sealed class TranslationGenerator : IGenerator
{
    private static readonly (string Source, string Reference, string Generated)[] Sentences =
    [
        ("Veo un perro", "I see a dog", "I saw a dog"),
        ("El gato está durmiendo", "the cat is sleeping", "the cat was sleeping"),
        ("Ella lee un libro", "she reads a book", "she read a book"),
        ("Nos gusta el té verde", "we like green tea", "we like black tea"),
        ("Él abre la puerta", "he opens the door", "he closes the door"),
        ("Ellos juegan al fútbol hoy", "they play football today", "they played football today"),
        ("Tú bebes agua fría", "you drink cold water", "you drink hot water"),
        ("Mi hermano tiene dos perros", "my brother has two dogs", "my brother had two dogs"),
    ];

    public string Id => "translation-pair";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var (source, reference, generated) = rng.Pick(Sentences);
        return new JsonObject
        {
            ["source"] = source,
            ["reference"] = Words(reference),
            ["generated"] = Words(generated),
            ["sos"] = "<SOS>",
            ["eos"] = "<EOS>",
        };
    }

    private static JsonArray Words(string sentence) => [.. sentence.Split(' ').Select(w => (JsonNode)JsonValue.Create(w))];
}
