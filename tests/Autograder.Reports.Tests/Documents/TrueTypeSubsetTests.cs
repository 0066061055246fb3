using Autograder.Reports.Documents;
using SkiaSharp;

namespace Autograder.Reports.Tests.Documents;

public sealed class TrueTypeSubsetTests
{
    [Theory]
    [InlineData("DejaVu Sans", "Héllo, wörld: λσΣ ∂∇ 1.5 × 10⁻³ ✓")]
    [InlineData("DejaVu Sans Mono", "[4, 64, 32, 32] you cats <EOS>")]
    public void Subset_KeepsEveryCharactersGlyphAndWidth_AndDropsTheRest(string family, string text)
    {
        using var whole = SKFontManager.Default.MatchFamily(family);
        using var stream = whole.OpenStream(out _);
        var bytes = new byte[stream.Length];
        Assert.Equal(bytes.Length, stream.Read(bytes, bytes.Length));
        using var wholeFont = new SKFont(whole, 12);
        var glyphOf = text.EnumerateRunes().Distinct().ToDictionary(r => r.Value, r => wholeFont.GetGlyph(r.Value));
        Assert.DoesNotContain((ushort)0, glyphOf.Values);

        var cut = TrueTypeSubset.Subset(bytes, glyphOf);

        Assert.NotNull(cut);
        Assert.True(cut.Length < bytes.Length / 10, $"{cut.Length} of {bytes.Length} bytes");
        using var face = SKTypeface.FromData(SKData.CreateCopy(cut));
        using var font = new SKFont(face, 12);
        Assert.True(face.ContainsGlyphs(text));
        Assert.Equal(wholeFont.MeasureText(text), font.MeasureText(text), 3);
        // .notdef, the characters, and the parts of composite glyphs (é is e and an accent in DejaVu).
        Assert.InRange(face.GlyphCount, glyphOf.Count + 1, glyphOf.Count + 12);
        Assert.False(face.ContainsGlyph('Q'));
        // Outlines survive: the cut glyph draws the same path as the whole one.
        Assert.Equal(wholeFont.GetGlyphPath(glyphOf[text[0]]).Bounds, font.GetGlyphPath(font.GetGlyph(text[0])).Bounds);
    }

    [Fact]
    public void Subset_OfSomethingElseThanTrueType_IsNull() =>
        Assert.Null(TrueTypeSubset.Subset("OTTO and the rest of a CFF font"u8.ToArray(), new Dictionary<int, ushort> { ['a'] = 3 }));
}
