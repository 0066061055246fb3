using System.Diagnostics;
using UglyToad.PdfPig.Content;

namespace Autograder.Reports.Tests.Support;

/// <summary>Checks on laid-out pages: words inside the margins, no two words on top of each other, no blank page.</summary>
internal static class PageChecks
{
    // The layout's margins (points from the left and from the top), with a little slack for glyph overhang.
    private const double Left = 56 - 1.5, Right = 595.28 - 56 + 1.5, Top = 28, Bottom = 841.89 - 22;

    public static void WordsInsideMargins(Pdf pdf)
    {
        for (var p = 0; p < pdf.Pages; p++)
        {
            var height = pdf.PageSizes[p].Height;
            foreach (var word in pdf.PageWords[p])
            {
                var box = word.BoundingBox;
                // PdfPig's y grows upwards.
                var top = height - box.Top;
                var bottom = height - box.Bottom;
                Assert.True(box.Left >= Left && box.Right <= Right && top >= Top && bottom <= Bottom,
                    $"page {p + 1}: '{word.Text}' at x {box.Left:0.#}..{box.Right:0.#}, y {top:0.#}..{bottom:0.#} is outside the margins");
            }
        }
    }

    public static void NoOverlappingWords(Pdf pdf)
    {
        for (var p = 0; p < pdf.Pages; p++)
        {
            var words = pdf.PageWords[p].Where(w => w.Text.Trim().Length > 0).OrderBy(w => w.BoundingBox.Left).ToList();
            for (var i = 0; i < words.Count; i++)
            {
                for (var j = i + 1; j < words.Count && words[j].BoundingBox.Left < words[i].BoundingBox.Right; j++)
                {
                    var overlap = Overlap(words[i], words[j]);
                    Assert.True(overlap < 0.5,
                        $"page {p + 1}: '{words[i].Text}' and '{words[j].Text}' overlap by {overlap:0.##} square points");
                }
            }
        }
    }

    private static double Overlap(Word a, Word b)
    {
        // Glyph boxes reach from descender to ascender; shrink them a little so that touching lines do not count.
        var w = Math.Min(a.BoundingBox.Right, b.BoundingBox.Right) - Math.Max(a.BoundingBox.Left, b.BoundingBox.Left);
        var h = Math.Min(a.BoundingBox.Top, b.BoundingBox.Top) - Math.Max(a.BoundingBox.Bottom, b.BoundingBox.Bottom) - 1;
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /// <summary>Renders every page with poppler's pdftoppm and returns, per page, the share of dark pixels in the body.</summary>
    public static IReadOnlyList<double> InkPerPage(byte[] pdf, string folder)
    {
        var file = Path.Combine(folder, "doc.pdf");
        File.WriteAllBytes(file, pdf);
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-r", "24", "-gray", file, Path.Combine(folder, "page") }) start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed: {stderr}");
        }
        var pages = Directory.GetFiles(folder, "page-*.pgm").Order(StringComparer.Ordinal).ToList();
        return [.. pages.Select(Ink)];
    }

    /// <summary>The share of pixels darker than light grey between the header and the footer of a binary PGM (P5) page.</summary>
    private static double Ink(string pgm)
    {
        var bytes = File.ReadAllBytes(pgm);
        var fields = new List<string>();
        var i = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[i])) i++;
            var start = i;
            while (!char.IsWhiteSpace((char)bytes[i])) i++;
            fields.Add(System.Text.Encoding.ASCII.GetString(bytes, start, i - start));
        }
        i++;
        Assert.Equal("P5", fields[0]);
        var width = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        var dark = 0;
        var total = 0;
        // Rows between the header rule and the footer rule only: those are always drawn.
        for (var y = height * 60 / 842; y < height * 775 / 842; y++)
        {
            for (var x = 0; x < width; x++)
            {
                total++;
                if (bytes[i + (y * width) + x] < 200) dark++;
            }
        }
        return dark / (double)total;
    }

    /// <summary>Text with every whitespace removed, so phrases match across line breaks and word splits.</summary>
    public static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
