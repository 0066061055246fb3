using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace Autograder.Reports.Documents;

/// <summary>
/// System fonts found through fontconfig (DejaVu Sans and DejaVu Sans Mono where installed), with per-character
/// fallback to any installed font that has the glyph. Characters no font has are drawn as '?', never as boxes.
/// </summary>
/// <remarks>
/// This Skia build has no font subsetter and embeds a TrueType font whole: about 400 KB and 20 ms per document
/// for DejaVu Sans alone. So each document draws with faces cut to its own characters
/// (<see cref="TrueTypeSubset"/>). A face that cannot be cut (not TrueType) is drawn from a copy whose OS/2
/// fsType says "restricted licence", which Skia writes as a Type 3 font of the glyphs used; both keep a
/// ToUnicode map, so the text stays extractable.
/// </remarks>
internal static class Fonts
{
    private static readonly ConcurrentDictionary<(string Family, bool Bold, bool Italic), SKTypeface> Faces = new();
    private static readonly ConcurrentDictionary<(int CodePoint, bool Bold, bool Mono), SKTypeface?> Fallbacks = new();
    private static readonly ConcurrentDictionary<SKTypeface, SKTypeface> Type3 = new();
    private static readonly ConcurrentDictionary<SKTypeface, byte[]?> Files = new();

    public static SKTypeface Face(TextStyle style) => style switch
    {
        TextStyle.Bold => Get("DejaVu Sans", bold: true, italic: false),
        TextStyle.Italic => Get("DejaVu Sans", bold: false, italic: true),
        TextStyle.Mono => Get("DejaVu Sans Mono", bold: false, italic: false),
        TextStyle.MonoBold => Get("DejaVu Sans Mono", bold: true, italic: false),
        _ => Get("DejaVu Sans", bold: false, italic: false),
    };

    private static bool IsMono(TextStyle style) => style is TextStyle.Mono or TextStyle.MonoBold;
    private static bool IsBold(TextStyle style) => style is TextStyle.Bold or TextStyle.MonoBold;

    private static SKTypeface Get(string family, bool bold, bool italic) => Faces.GetOrAdd((family, bold, italic), key =>
    {
        var style = new SKFontStyle(key.Bold ? SKFontStyleWeight.Bold : SKFontStyleWeight.Normal, SKFontStyleWidth.Normal,
            key.Italic ? SKFontStyleSlant.Italic : SKFontStyleSlant.Upright);
        return SKFontManager.Default.MatchFamily(key.Family, style) ?? SKFontManager.Default.MatchFamily(null, style) ?? SKTypeface.Default;
    });

    /// <summary>
    /// The face to draw one document's characters of <paramref name="face"/> with: the face cut to those characters
    /// (owned by the caller, who disposes it after the document is written), or a shared Type 3 copy.
    /// </summary>
    public static (SKTypeface Face, bool Owned) ForDocument(SKTypeface face, IReadOnlyDictionary<int, ushort> glyphOf)
    {
        // Reports of one exam use the same characters: the face cut to them is kept, so Skia's glyph caches stay warm across documents.
        var key = (face, CharacterKey(glyphOf));
        if (Cut.TryGetValue(key, out var kept)) return (kept, false);
        if (FontFile(face) is { } bytes && TrueTypeSubset.Subset(bytes, glyphOf) is { } cut && SKTypeface.FromData(SKData.CreateCopy(cut)) is { } subset)
        {
            // Bounded: past the limit a cut face is used for its document only (and disposed by it), as before.
            if (Cut.Count >= MaxCutFaces) return (subset, true);
            return Cut.TryAdd(key, subset) ? (subset, false) : (subset, true);
        }
        return (AsType3(face), false);
    }

    private const int MaxCutFaces = 512;
    private static readonly ConcurrentDictionary<(SKTypeface Face, string Characters), SKTypeface> Cut = new();

    /// <summary>The characters as one string in code point order: what the cut font depends on.</summary>
    private static string CharacterKey(IReadOnlyDictionary<int, ushort> glyphOf)
    {
        var points = glyphOf.Keys.ToArray();
        Array.Sort(points);
        var text = new StringBuilder(points.Length * 2);
        foreach (var point in points) text.Append(char.ConvertFromUtf32(point));
        return text.ToString();
    }

    private static byte[]? FontFile(SKTypeface face) => Files.GetOrAdd(face, f =>
    {
        using var stream = f.OpenStream(out var index);
        if (stream is null || index != 0) return null;
        var bytes = new byte[stream.Length];
        return stream.Read(bytes, bytes.Length) == bytes.Length ? bytes : null;
    });

    /// <summary>Splits text into runs that one face can draw, replacing characters no installed font has.</summary>
    public static void Segments(string text, TextStyle style, List<(SKTypeface Face, string Text)> into)
    {
        into.Clear();
        var primary = Face(style);
        if (primary.ContainsGlyphs(text))
        {
            into.Add((primary, text));
            return;
        }
        var run = new StringBuilder();
        SKTypeface? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var face = primary.ContainsGlyph(rune.Value) ? primary : Fallback(rune.Value, style);
            var piece = face is null ? "?" : rune.ToString();
            face ??= primary;
            if (current is not null && !ReferenceEquals(face, current))
            {
                into.Add((current, run.ToString()));
                run.Clear();
            }
            current = face;
            run.Append(piece);
        }
        if (current is not null && run.Length > 0) into.Add((current, run.ToString()));
    }

    private static SKTypeface? Fallback(int codePoint, TextStyle style) => Fallbacks.GetOrAdd((codePoint, IsBold(style), IsMono(style)), key =>
    {
        if (key.CodePoint < 0x20 || key.CodePoint is >= 0x7F and < 0xA0) return null;
        var fontStyle = key.Bold ? SKFontStyle.Bold : SKFontStyle.Normal;
        var found = SKFontManager.Default.MatchCharacter(key.Mono ? "DejaVu Sans Mono" : "DejaVu Sans", fontStyle, null, key.CodePoint);
        return found is null || !found.ContainsGlyph(key.CodePoint) ? null : found;
    });

    private static SKTypeface AsType3(SKTypeface face) => Type3.GetOrAdd(face, f =>
    {
        if (FontFile(f) is not { } file) return f;
        var bytes = (byte[])file.Clone();
        return MarkRestricted(bytes) ? SKTypeface.FromData(SKData.CreateCopy(bytes)) ?? f : f;
    });

    /// <summary>Sets fsType = 2 in the OS/2 table of an sfnt font; false when the font has no such table.</summary>
    private static bool MarkRestricted(byte[] font)
    {
        if (font.Length < 12) return false;
        var tables = (font[4] << 8) | font[5];
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + (16 * i);
            if (record + 16 > font.Length) return false;
            if (Encoding.ASCII.GetString(font, record, 4) != "OS/2") continue;
            var offset = (font[record + 8] << 24) | (font[record + 9] << 16) | (font[record + 10] << 8) | font[record + 11];
            if (offset < 0 || offset + 10 > font.Length) return false;
            font[offset + 8] = 0;
            font[offset + 9] = 2;
            return true;
        }
        return false;
    }
}
