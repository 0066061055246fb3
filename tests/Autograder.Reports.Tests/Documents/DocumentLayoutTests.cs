using System.Globalization;
using Autograder.Reports.Documents;
using Autograder.Reports.Tests.Support;
using ScottPlot;
using SkiaSharp;

namespace Autograder.Reports.Tests.Documents;

public sealed class DocumentLayoutTests
{
    private static byte[] Render(params Block[] blocks) =>
        SkiaPdfRenderer.Instance.Render(new Document(new DocumentInfo("Layout test", "Course staff", "Blocks", Fixtures.Created), blocks)
        {
            HeaderLeft = "Header left",
            FooterLeft = "Footer left",
        });

    private static string Words(int count, int seed) =>
        string.Join(" ", Enumerable.Range(0, count).Select(i => $"w{seed}x{i}" + new string('a', (i * 7 + seed) % 9)));

    /// <summary>The words of the first page between the running header and the footer.</summary>
    private static List<UglyToad.PdfPig.Content.Word> Body(Pdf pdf) =>
        [.. pdf.PageWords[0].Where(w => pdf.PageSizes[0].Height - w.BoundingBox.Top > 50 && pdf.PageSizes[0].Height - w.BoundingBox.Bottom < 780)];

    [Fact]
    public void Paragraphs_FlowAcrossPages_KeepingEveryWordInOrder()
    {
        var text = Words(2500, 1);
        var pdf = new Pdf(Render(new Heading("Flow"), new Paragraph(text), new Paragraph(new Span("The end.", TextStyle.Bold))));

        Assert.True(pdf.Pages >= 3, $"{pdf.Pages} pages");
        var words = pdf.PageWords.SelectMany(p => p).Select(w => w.Text).Where(w => w.StartsWith("w1x", StringComparison.Ordinal)).ToList();
        Assert.Equal(text.Split(' '), words);
        PageChecks.WordsInsideMargins(pdf);
        PageChecks.NoOverlappingWords(pdf);
    }

    [Fact]
    public void Tables_SplitAcrossPages_RepeatingTheirHeader()
    {
        var rows = Enumerable.Range(1, 160).Select(i => new Row([$"row{i}", Words(i % 13 + 1, i), i.ToString(CultureInfo.InvariantCulture)])).ToList();
        var pdf = new Pdf(Render(new Table([new Column("Name"), new Column("Description", 4), new Column("Number", 1, Align.Right)], rows)));

        Assert.True(pdf.Pages >= 3, $"{pdf.Pages} pages");
        for (var p = 0; p < pdf.Pages; p++)
        {
            // The header row is the first thing under the running header on every page.
            var body = pdf.PageWords[p].Where(w => pdf.PageSizes[p].Height - w.BoundingBox.Top > 50).OrderByDescending(w => Math.Round(w.Letters[0].StartBaseLine.Y)).ThenBy(w => w.BoundingBox.Left).Select(w => w.Text).Take(3);
            Assert.Equal(["Name", "Description", "Number"], body);
        }
        var names = pdf.PageWords.SelectMany(p => p).Select(w => w.Text).Where(w => w.StartsWith("row", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, 160).Select(i => $"row{i}"), names);
        PageChecks.WordsInsideMargins(pdf);
        PageChecks.NoOverlappingWords(pdf);
    }

    [Fact]
    public void TableRows_TallerThanAPage_SplitBetweenLines()
    {
        var tall = Words(3000, 7);
        var pdf = new Pdf(Render(new Table([new Column("Key"), new Column("Value", 5)], [new Row(["only", tall])])));

        Assert.True(pdf.Pages >= 2);
        Assert.Equal(tall.Split(' '), pdf.PageWords.SelectMany(p => p).Select(w => w.Text).Where(w => w.StartsWith("w7x", StringComparison.Ordinal)));
        PageChecks.WordsInsideMargins(pdf);
        PageChecks.NoOverlappingWords(pdf);
    }

    [Fact]
    public void Formulas_StackFractions_AndRaiseSuperscripts()
    {
        var pdf = new Pdf(Render(new FormulaBlock("sigma^2 (1-a)/a", "λ_max =")));
        var words = Body(pdf).SelectMany(w => w.Letters).ToList();
        var sigma = words.Single(l => l.Value == "σ");
        var two = words.Single(l => l.Value == "2" && l.StartBaseLine.X > sigma.StartBaseLine.X);
        var one = words.Single(l => l.Value == "1");
        var a = words.Where(l => l.Value == "a" && l.StartBaseLine.X > one.StartBaseLine.X - 5).ToList();

        // y grows upwards in PDF space: the exponent sits above σ's baseline, the numerator above the denominator.
        Assert.True(two.StartBaseLine.Y > sigma.StartBaseLine.Y + 2, "the exponent is raised");
        Assert.True(two.PointSize < sigma.PointSize, "the exponent is smaller");
        var denominator = a.OrderBy(l => l.StartBaseLine.Y).First();
        Assert.True(one.StartBaseLine.Y > denominator.StartBaseLine.Y + 5, "the numerator is above the denominator");
        Assert.Contains("−", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("λ", pdf.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(a + b", "(a + b")]
    [InlineData("x^", "x^")]
    [InlineData("sqrt(d_k)", "√dk")]
    public void Formulas_ThatCannotBeRead_AreShownAsTyped(string formula, string squashed)
    {
        var pdf = new Pdf(Render(new Paragraph(new Span("Answer: "), Span.M(formula))));
        Assert.Contains("Answer:" + PageChecks.Squash(squashed), PageChecks.Squash(pdf.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void Matrices_AreGrids_RowByRow()
    {
        var pdf = new Pdf(Render(new MatrixBlock("W_h", [["1", "-2.5", "3"], ["40", "5", "-6"]])));
        var words = Body(pdf);
        double Baseline(string text) => words.Single(w => w.Text == text).Letters[0].StartBaseLine.Y;
        double RightEdge(string text) => words.Single(w => w.Text == text).BoundingBox.Right;

        Assert.Equal(Baseline("1"), Baseline("3"), 2);
        Assert.True(Baseline("1") > Baseline("40") + 5, "the first row is above the second");
        // Numbers are right-aligned in their column.
        Assert.Equal(RightEdge("1"), RightEdge("40"), 0);
        Assert.Equal(RightEdge("3"), RightEdge("-6"), 0);
    }

    [Fact]
    public void Glyphs_MissingFromTheMainFont_FallBackToAnotherFont_NeverToBoxes()
    {
        const string text = "Greek λσΣ, arrows →⇒, math ∂∇∑, bold 𝐀, CJK 日本";
        var pdf = new Pdf(Render(new Paragraph(text)));
        var extracted = PageChecks.Squash(pdf.PageTexts[0]);
        var expected = new System.Text.StringBuilder();
        foreach (var rune in PageChecks.Squash(text).EnumerateRunes())
        {
            // A character no installed font has is written as '?', never as an empty box.
            var anyFont = SKFontManager.Default.MatchFamily("DejaVu Sans").ContainsGlyph(rune.Value)
                || SKFontManager.Default.MatchCharacter("DejaVu Sans", SKFontStyle.Normal, null, rune.Value) is { } face && face.ContainsGlyph(rune.Value);
            expected.Append(anyFont ? rune.ToString() : "?");
        }
        Assert.Contains(expected.ToString(), extracted, StringComparison.Ordinal);
        Assert.Contains("λσΣ", extracted, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_HasTitleAuthorAndTheGivenCreationDate()
    {
        var pdf = new Pdf(Render(new Paragraph("x")));
        Assert.Equal("Layout test", pdf.Title);
        Assert.Equal("Course staff", pdf.Author);
        Assert.StartsWith("D:20261120093000", pdf.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPage_HasHeaderFooterAndPageNumbers()
    {
        var pdf = new Pdf(Render(new Paragraph(Words(2000, 3))));
        for (var p = 0; p < pdf.Pages; p++)
        {
            Assert.Contains($"Page {p + 1} of {pdf.Pages}", pdf.PageTexts[p], StringComparison.Ordinal);
            Assert.Contains("Header left", pdf.PageTexts[p], StringComparison.Ordinal);
            Assert.Contains("Footer left", pdf.PageTexts[p], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Charts_AreDrawnOnThePage()
    {
        var plot = new Plot();
        plot.Add.Bars([3.0, 7, 2, 9]);
        using var dir = new TempDir();
        var ink = PageChecks.InkPerPage(Render(new ChartBlock(plot, 300)), dir.Path);
        Assert.Single(ink);
        Assert.True(ink[0] > 0.02, $"ink {ink[0]:P2}");
    }
}
