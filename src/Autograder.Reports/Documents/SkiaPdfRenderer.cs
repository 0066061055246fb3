using SkiaSharp;

namespace Autograder.Reports.Documents;

/// <summary>
/// Renders documents to PDF with Skia's PDF backend. Text is drawn as real text (extractable), charts as vectors.
/// The output depends only on the document: the creation date comes from <see cref="DocumentInfo.Created"/>.
/// </summary>
public sealed class SkiaPdfRenderer : IDocumentRenderer
{
    public static SkiaPdfRenderer Instance { get; } = new();

    public byte[] Render(Document document, CancellationToken ct = default)
    {
        using var layout = PageLayout.Run(document, ct);
        var created = document.Info.Created.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Info.Title,
            Author = document.Info.Author,
            Subject = document.Info.Subject,
            Creator = "Autograder",
            Producer = "Autograder (SkiaSharp PDF)",
            Creation = created,
            Modified = created,
            RasterDpi = 150,
            EncodingQuality = 90,
        };
        var segments = new List<(SKTypeface Face, string Text)>();
        var faces = DocumentFaces(layout, segments);
        try
        {
            using var stream = new MemoryStream();
            using (var pdf = SKDocument.CreatePdf(stream, metadata))
            {
                using var paint = new SKPaint { IsAntialias = true };
                foreach (var ops in layout.Pages)
                {
                    ct.ThrowIfCancellationRequested();
                    var canvas = pdf.BeginPage(PageLayout.PageWidth, PageLayout.PageHeight);
                    foreach (var op in ops) Draw(canvas, op, layout, paint, segments, faces);
                    pdf.EndPage();
                }
                pdf.Close();
            }
            return stream.ToArray();
        }
        finally
        {
            foreach (var (face, owned) in faces.Values)
            {
                if (owned) face.Dispose();
            }
        }
    }

    /// <summary>For each face the layout measured with, the face this document draws with (cut to the characters it uses).</summary>
    private static Dictionary<SKTypeface, (SKTypeface Face, bool Owned)> DocumentFaces(PageLayout layout, List<(SKTypeface Face, string Text)> segments)
    {
        var used = new Dictionary<SKTypeface, Dictionary<int, ushort>>();
        foreach (var op in layout.Pages.SelectMany(p => p).OfType<TextOp>())
        {
            Fonts.Segments(op.Text, op.Style, segments);
            foreach (var (face, text) in segments)
            {
                if (!used.TryGetValue(face, out var glyphs)) used[face] = glyphs = [];
                var font = layout.Font(face, 10);
                foreach (var rune in text.EnumerateRunes())
                {
                    if (!glyphs.ContainsKey(rune.Value)) glyphs[rune.Value] = font.GetGlyph(rune.Value);
                }
            }
        }
        return used.ToDictionary(kv => kv.Key, kv => Fonts.ForDocument(kv.Key, kv.Value));
    }

    private static void Draw(SKCanvas canvas, PageOp op, PageLayout layout, SKPaint paint, List<(SKTypeface Face, string Text)> segments,
        Dictionary<SKTypeface, (SKTypeface Face, bool Owned)> faces)
    {
        switch (op)
        {
            case TextOp t:
            {
                paint.Style = SKPaintStyle.Fill;
                paint.Color = t.Color;
                var x = t.X;
                Fonts.Segments(t.Text, t.Style, segments);
                foreach (var (face, text) in segments)
                {
                    canvas.DrawText(text, x, t.Baseline, SKTextAlign.Left, layout.Font(faces[face].Face, t.Size), paint);
                    x += layout.Font(face, t.Size).MeasureText(text);
                }
                break;
            }
            case LineOp l:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = l.Width;
                paint.Color = l.Color;
                canvas.DrawLine(l.X1, l.Y1, l.X2, l.Y2, paint);
                break;
            case RectOp r:
                paint.Style = SKPaintStyle.Fill;
                paint.Color = r.Color;
                canvas.DrawRect(r.Rect, paint);
                break;
            case ChartOp c:
                Charts.Draw(canvas, c.Plot, c.Rect);
                break;
        }
    }
}
