using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// The tokens fed to an encoder-decoder's decoder: the start token then the reference translation during training
/// (teacher forcing), the start token then the decoder's own previous outputs when generating.
/// </summary>
public sealed class DecoderInputsSolver : ISolver
{
    public string Id => "decoder-inputs";

    public string Description => "Decoder input tokens at training time (teacher forcing) and at generation time, for a reference and a generated translation.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var reference = p.Texts("reference");
        var generated = p.Texts("generated");
        var sos = p.OptionalText("sos") ?? "<SOS>";
        var eos = p.OptionalText("eos") ?? "<EOS>";
        if (reference.Contains(sos) || reference.Contains(eos))
        {
            throw p.Bad("reference", "holds only the words of the sentence, without the start and end tokens");
        }

        if (generated.Contains(sos) || generated.Contains(eos))
        {
            throw p.Bad("generated", "holds only the words of the sentence, without the start and end tokens");
        }

        // The decoder reads one token per step and must predict the next: its inputs are the outputs shifted right by one.
        return new JsonObject
        {
            ["training"] = Answer.Texts([sos, .. reference]),
            ["generation"] = Answer.Texts([sos, .. generated]),
            ["training_targets"] = Answer.Texts([.. reference, eos]),
            ["generation_outputs"] = Answer.Texts([.. generated, eos]),
        };
    }
}
