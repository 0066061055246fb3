using SkiaSharp;

namespace Autograder.Reports.Documents;

/// <summary>
/// Lays a <see cref="Document"/> out on A4 pages: text wraps at word boundaries (inside a word only when the word
/// alone is wider than the line), blocks flow onto the next page line by line, table rows split between lines and
/// repeat the table header, headings stay with what follows. Then every page gets its header and footer.
/// </summary>
internal sealed partial class PageLayout : IDisposable
{
    public const float PageWidth = 595.28f, PageHeight = 841.89f;
    public const float Left = 56, Right = PageWidth - 56, Top = 64, Bottom = PageHeight - 62;
    private const float Width = Right - Left;
    private const float TableSize = 8.8f, Padding = 4;

    private readonly Dictionary<(SKTypeface, float), SKFont> fonts = [];
    private readonly List<(SKTypeface Face, string Text)> segments = [];
    private readonly Dictionary<(string, TextStyle, float), float> measured = [];
    private readonly List<List<PageOp>> pages = [];
    private List<PageOp> page = null!;
    private float y;

    public IReadOnlyList<IReadOnlyList<PageOp>> Pages => pages;

    public static PageLayout Run(Document document, CancellationToken ct)
    {
        var layout = new PageLayout();
        layout.NewPage();
        foreach (var block in document.Blocks)
        {
            ct.ThrowIfCancellationRequested();
            layout.Place(block);
        }
        layout.Decorate(document);
        return layout;
    }

    public void Dispose()
    {
        foreach (var font in fonts.Values) font.Dispose();
        fonts.Clear();
    }

    private void NewPage()
    {
        page = [];
        pages.Add(page);
        y = Top;
    }

    private bool AtTop => y <= Top + 0.01f;

    private void Ensure(float height)
    {
        if (y + height > Bottom && !AtTop) NewPage();
    }

    // ---- text measurement ----------------------------------------------------------------------------------

    public SKFont Font(SKTypeface face, float size)
    {
        if (!fonts.TryGetValue((face, size), out var font))
        {
            font = new SKFont(face, size) { Subpixel = true, LinearMetrics = true };
            fonts[(face, size)] = font;
        }
        return font;
    }

    public float Measure(string text, TextStyle style, float size)
    {
        // Reports repeat the same words and labels many times; measuring goes through native code.
        if (measured.TryGetValue((text, style, size), out var known)) return known;
        var width = MeasureUncached(text, style, size);
        measured[(text, style, size)] = width;
        return width;
    }

    private float MeasureUncached(string text, TextStyle style, float size)
    {
        Fonts.Segments(text, style, segments);
        var width = 0f;
        foreach (var (face, piece) in segments) width += Font(face, size).MeasureText(piece);
        return width;
    }

    private (float Ascent, float Descent) Metrics(TextStyle style, float size)
    {
        var m = Font(Fonts.Face(style), size).Metrics;
        return (-m.Ascent, m.Descent);
    }

    // ---- blocks ----------------------------------------------------------------------------------------------

    private void Place(Block block)
    {
        switch (block)
        {
            case Heading h: PlaceHeading(h); break;
            case Paragraph p: PlaceParagraph(p); break;
            case KeyValues kv: PlaceKeyValues(kv); break;
            case Table t: PlaceTable(t.Columns, t.Rows, header: true, TableSize); break;
            case CodeBlock c: PlaceCode(c); break;
            case MatrixBlock m: PlaceMatrix(m); break;
            case FormulaBlock f: PlaceParagraph(new Paragraph([new Span(f.Label.Length > 0 ? f.Label + " " : ""), Span.M(f.Source)], Size: 11)); break;
            case ChartBlock c: PlaceChart(c); break;
            case Spacer s: if (!AtTop) y += s.Height; break;
            case PageBreak: if (!AtTop) NewPage(); break;
            default: throw new ArgumentException($"unknown block {block.GetType().Name}", nameof(block));
        }
    }

    private void PlaceHeading(Heading heading)
    {
        var (size, before, after) = heading.Level switch
        {
            1 => (16f, 10f, 8f),
            2 => (12.5f, 12f, 5f),
            _ => (10.5f, 8f, 3f),
        };
        var lines = Wrap([new Span(heading.Text, TextStyle.Bold, heading.Level <= 2 ? Tone.Accent : Tone.Normal)], Width, size);
        var height = lines.Sum(l => l.Height);
        // Keep a heading with at least a few lines of what follows it.
        Ensure(before + height + after + 48);
        if (!AtTop) y += before;
        foreach (var line in lines) PlaceLine(line, Left);
        if (heading.Level == 1)
        {
            y += 2;
            page.Add(new LineOp(Left, y, Right, y, 0.8f, Palette.Accent));
        }
        y += after;
    }

    private void PlaceParagraph(Paragraph paragraph)
    {
        var indent = paragraph.Bar is null ? 0 : 10f;
        var lines = Wrap(paragraph.Spans, Width - indent - (paragraph.Bar is null ? 0 : 6), paragraph.Size);
        var pad = paragraph.Bar is null ? 0 : 4f;
        Ensure(Math.Min(lines.Sum(l => l.Height), 3 * (lines.FirstOrDefault()?.Height ?? 0)) + 2 * pad);
        var start = y;
        var startIndex = page.Count;
        y += pad;
        foreach (var line in lines)
        {
            if (y + line.Height + pad > Bottom && !AtTop)
            {
                Bar(paragraph.Bar, start, y + pad, startIndex);
                NewPage();
                start = y;
                startIndex = 0;
                y += pad;
            }
            PlaceLine(line, Left + indent);
        }
        y += pad;
        Bar(paragraph.Bar, start, y, startIndex);
        y += 5;
    }

    private void Bar(Tone? tone, float top, float bottom, int index)
    {
        if (tone is not { } t || bottom <= top) return;
        page.Insert(index, new RectOp(new SKRect(Left, top, Right, bottom), Palette.Tint(t)));
        page.Insert(index + 1, new RectOp(new SKRect(Left, top, Left + 3, bottom), Palette.Of(t)));
    }

    private void PlaceKeyValues(KeyValues block)
    {
        if (block.Items.Count == 0) return;
        var keyWidth = Math.Min(block.Items.Max(i => Measure(i.Key, TextStyle.Bold, 9.5f)) + 14, Width * 0.38f);
        var columns = new[] { new Column("", keyWidth), new Column("", Width - keyWidth) };
        var rows = block.Items.Select(i => new Row([new Cell([new Span(i.Key, TextStyle.Bold, Tone.Muted)]), new Cell(i.Value)])).ToList();
        PlaceTable(columns, rows, header: false, 9.5f);
    }

    private void PlaceCode(CodeBlock code)
    {
        const float size = 8.5f;
        var (ascent, descent) = Metrics(TextStyle.Mono, size);
        var lineHeight = ascent + descent + 2;
        var available = Width - 16;
        var lines = new List<string>();
        foreach (var raw in code.Text.Replace("\r", "", StringComparison.Ordinal).Replace("\t", "    ", StringComparison.Ordinal).Split('\n'))
            lines.AddRange(BreakChars(raw, TextStyle.Mono, size, available));
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) lines.Add("");
        var i = 0;
        while (i < lines.Count)
        {
            Ensure(lineHeight + 8);
            var top = y;
            page.Add(new RectOp(new SKRect(Left, top, Right, top), Palette.CodeFill));
            var fillIndex = page.Count - 1;
            y += 4;
            while (i < lines.Count && (y + lineHeight + 4 <= Bottom || AtTop))
            {
                page.Add(new TextOp(Left + 8, y + ascent, lines[i], TextStyle.Mono, size, Palette.Text));
                y += lineHeight;
                i++;
            }
            y += 4;
            page[fillIndex] = new RectOp(new SKRect(Left, top, Right, y), Palette.CodeFill);
            if (i < lines.Count) NewPage();
        }
        y += 5;
    }

    private void PlaceMatrix(MatrixBlock matrix)
    {
        if (matrix.Rows.Count == 0 || matrix.Rows.All(r => r.Count == 0))
        {
            PlaceParagraph(new Paragraph([new Span(matrix.Label + " "), new Span("(empty)", Tone: Tone.Muted)]));
            return;
        }
        var columns = matrix.Rows.Max(r => r.Count);
        var label = matrix.Label.Length > 0 ? Span.M(matrix.Label + " =") : null;
        for (var size = 9.5f; size >= 5.5f; size -= 0.5f)
        {
            var labelBox = label is null ? null : MathBox.Parse(label.Text);
            var labelWidth = labelBox is null ? 0 : MeasureBox(labelBox, size).Width + 6;
            var widths = Enumerable.Range(0, columns).Select(c => matrix.Rows.Max(r => c < r.Count ? Measure(r[c], TextStyle.Regular, size) : 0)).ToArray();
            var gap = size * 1.4f;
            var total = labelWidth + 10 + widths.Sum() + gap * (columns - 1) + 10;
            if (total > Width && size > 5.5f) continue;
            if (total > Width)
            {
                PlaceParagraph(new Paragraph([.. label is null ? Array.Empty<Span>() : [label], new Span(" " + string.Join("; ", matrix.Rows.Select(r => string.Join(" ", r))), TextStyle.Mono)]));
                return;
            }
            var (ascent, descent) = Metrics(TextStyle.Regular, size);
            var rowHeight = (ascent + descent) * 1.25f;
            var row = 0;
            while (row < matrix.Rows.Count)
            {
                Ensure(rowHeight + 6);
                var top = y + 2;
                y = top + 2;
                var x0 = Left + labelWidth;
                var first = row;
                while (row < matrix.Rows.Count && (y + rowHeight + 4 <= Bottom || row == first))
                {
                    var x = x0 + 8;
                    for (var c = 0; c < matrix.Rows[row].Count; c++)
                    {
                        var text = matrix.Rows[row][c];
                        // Numbers align on the right of their column.
                        page.Add(new TextOp(x + widths[c] - Measure(text, TextStyle.Regular, size), y + (rowHeight - ascent - descent) / 2 + ascent, text, TextStyle.Regular, size, Palette.Text));
                        x += widths[c] + gap;
                    }
                    y += rowHeight;
                    row++;
                }
                var bottom = y + 2;
                var x1 = x0 + 8 + widths.Sum() + gap * (columns - 1) + 8;
                Bracket(x0, top, bottom, 1);
                Bracket(x1, top, bottom, -1);
                if (labelBox is not null)
                {
                    var box = MeasureBox(labelBox, size);
                    EmitBox(labelBox, Left, (top + bottom) / 2 + (box.Ascent - box.Descent) / 2, size, Palette.Text);
                }
                y = bottom + 6;
                if (row < matrix.Rows.Count) NewPage();
            }
            return;
        }
    }

    private void Bracket(float x, float top, float bottom, int direction)
    {
        page.Add(new LineOp(x, top, x, bottom, 0.8f, Palette.Text));
        page.Add(new LineOp(x, top, x + 3 * direction, top, 0.8f, Palette.Text));
        page.Add(new LineOp(x, bottom, x + 3 * direction, bottom, 0.8f, Palette.Text));
    }

    private void PlaceChart(ChartBlock chart)
    {
        var height = Math.Min(chart.Height, Bottom - Top);
        Ensure(height);
        page.Add(new ChartOp(chart.Plot, new SKRect(Left, y, Right, y + height)));
        y += height + 8;
    }

    // ---- tables ----------------------------------------------------------------------------------------------

    private void PlaceTable(IReadOnlyList<Column> columns, IReadOnlyList<Row> rows, bool header, float size)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => c.Weight / total * Width).ToArray();
        var headerCells = header ? Cells(columns.Select(c => new Cell([new Span(c.Header, TextStyle.Bold)])).ToList(), widths, size) : null;
        var headerHeight = headerCells is null ? 0 : RowHeight(headerCells) + 2 * Padding;

        void DrawHeader()
        {
            if (headerCells is null) return;
            page.Add(new RectOp(new SKRect(Left, y, Right, y + headerHeight), Palette.HeaderFill));
            DrawCells(headerCells, columns, widths, 0, headerCells.Max(c => c.Count));
            y += 2 * Padding;
            page.Add(new LineOp(Left, y, Right, y, 0.6f, Palette.Accent));
        }

        var firstOnPage = true;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Cells(rows[r].Cells.Select(c => rows[r].Emphasis ? new Cell([.. c.Spans.Select(s => s with { Style = s.Style == TextStyle.Mono ? TextStyle.MonoBold : TextStyle.Bold })]) : c).ToList(), widths, size);
            var lineCount = cells.Max(c => c.Count);
            // A row that fits on a page is kept whole; only taller rows split between their lines.
            var whole = RowHeight(cells) + 2 * Padding;
            if (y + whole + (firstOnPage ? headerHeight : 0) > Bottom && Top + headerHeight + whole <= Bottom && !AtTop)
            {
                NewPage();
                firstOnPage = true;
            }
            var line = 0;
            while (line < lineCount)
            {
                var need = LineHeight(cells, line) + 2 * Padding + (firstOnPage ? headerHeight : 0);
                if (y + need > Bottom && !AtTop)
                {
                    NewPage();
                    firstOnPage = true;
                }
                if (firstOnPage)
                {
                    DrawHeader();
                    firstOnPage = false;
                }
                // As many lines of this row as fit on the page.
                var end = line;
                var height = 2 * Padding;
                while (end < lineCount && (y + height + LineHeight(cells, end) <= Bottom || end == line))
                {
                    height += LineHeight(cells, end);
                    end++;
                }
                var fill = rows[r].Emphasis ? Palette.HeaderFill : header && r % 2 == 1 ? Palette.Zebra : SKColors.Empty;
                if (fill != SKColors.Empty) page.Add(new RectOp(new SKRect(Left, y, Right, y + height), fill));
                DrawCells(cells, columns, widths, line, end);
                y += 2 * Padding;
                if (header) page.Add(new LineOp(Left, y, Right, y, 0.3f, Palette.Rule));
                line = end;
                if (line < lineCount)
                {
                    NewPage();
                    firstOnPage = true;
                }
            }
        }
        y += header ? 8 : 4;
    }

    private List<List<Line>> Cells(IReadOnlyList<Cell> cells, float[] widths, float size) =>
        [.. widths.Select((w, i) => i < cells.Count ? Wrap(cells[i].Spans, w - 2 * Padding, size) : [])];

    private static float LineHeight(List<List<Line>> cells, int line) => cells.Max(c => line < c.Count ? c[line].Height : 0);

    private static float RowHeight(List<List<Line>> cells) => Enumerable.Range(0, cells.Max(c => c.Count)).Sum(i => LineHeight(cells, i));

    /// <summary>Draws lines [from, to) of every cell starting at the current y (plus padding); y ends below them.</summary>
    private void DrawCells(List<List<Line>> cells, IReadOnlyList<Column> columns, float[] widths, int from, int to)
    {
        var top = y + Padding;
        var x = Left;
        for (var c = 0; c < cells.Count; c++)
        {
            var lineY = top;
            for (var i = from; i < to; i++)
            {
                var height = LineHeight(cells, i);
                if (i < cells[c].Count)
                {
                    var line = cells[c][i];
                    var offset = columns[c].Align switch
                    {
                        Align.Right => widths[c] - 2 * Padding - line.Width,
                        Align.Center => (widths[c] - 2 * Padding - line.Width) / 2,
                        _ => 0,
                    };
                    Emit(line, x + Padding + offset, lineY);
                }
                lineY += height;
            }
            x += widths[c];
        }
        y = top + Enumerable.Range(from, to - from).Sum(i => LineHeight(cells, i)) - Padding;
    }

    // ---- lines of text and formulas -------------------------------------------------------------------------

    private abstract record Piece(float Width, float Ascent, float Descent, bool SpaceAfter, float SpaceWidth);
    private sealed record Word(string Text, TextStyle Style, float Size, SKColor Color, float Width, float Ascent, float Descent, bool SpaceAfter, float SpaceWidth)
        : Piece(Width, Ascent, Descent, SpaceAfter, SpaceWidth);
    private sealed record Formula(MathBox Box, float Size, SKColor Color, float Width, float Ascent, float Descent, bool SpaceAfter, float SpaceWidth)
        : Piece(Width, Ascent, Descent, SpaceAfter, SpaceWidth);

    private sealed record Line(List<(Piece Piece, float X)> Items, float Width, float Ascent, float Descent, float Leading)
    {
        public float Height => Ascent + Descent + Leading;
    }

    private void PlaceLine(Line line, float x)
    {
        Emit(line, x, y);
        y += line.Height;
    }

    private void Emit(Line line, float x, float top)
    {
        var baseline = top + line.Leading / 2 + line.Ascent;
        // Words of one style that follow each other are drawn as one run (with their spaces): far fewer text
        // objects in the PDF, and the same positions, since a run's width is the sum of its parts' widths.
        Word? run = null;
        var runX = 0f;
        var text = new System.Text.StringBuilder();
        void Flush()
        {
            if (run is not null) page.Add(new TextOp(x + runX, baseline, text.ToString(), run.Style, run.Size, run.Color));
            run = null;
            text.Clear();
        }
        for (var i = 0; i < line.Items.Count; i++)
        {
            var (piece, offset) = line.Items[i];
            if (piece is Formula f)
            {
                Flush();
                EmitBox(f.Box, x + offset, baseline, f.Size, f.Color);
                continue;
            }
            var w = (Word)piece;
            if (run is not null && (run.Style != w.Style || run.Size != w.Size || run.Color != w.Color)) Flush();
            if (run is null)
            {
                run = w;
                runX = offset;
            }
            text.Append(w.Text);
            // A run carries its space on only when the next word joins it.
            if (w.SpaceAfter && i + 1 < line.Items.Count && line.Items[i + 1].Piece is Word next
                && next.Style == w.Style && next.Size == w.Size && next.Color == w.Color && w.SpaceWidth == Measure(" ", w.Style, w.Size))
                text.Append(' ');
            else if (w.SpaceAfter)
                Flush();
        }
        Flush();
    }

    private List<Line> Wrap(IReadOnlyList<Span> spans, float width, float size)
    {
        var pieces = new List<Piece>();
        var forcedBreaks = new HashSet<int>();
        foreach (var span in spans)
        {
            var color = Palette.Of(span.Tone);
            var spaceWidth = Measure(" ", span.Style, size);
            if (span.Math)
            {
                var box = MathBox.Parse(span.Text);
                var m = MeasureBox(box, size);
                if (m.Width <= width)
                {
                    pieces.Add(new Formula(box, size, color, m.Width, m.Ascent, m.Descent, span.Text.EndsWith(' '), spaceWidth));
                    continue;
                }
                AddWords(box.ToString(), span.Style, size, color, width, spaceWidth, pieces, forcedBreaks);
                continue;
            }
            AddWords(span.Text, span.Style, size, color, width, spaceWidth, pieces, forcedBreaks);
        }

        var (ascent, descent) = Metrics(TextStyle.Regular, size);
        var leading = size * 0.32f;
        var lines = new List<Line>();
        var current = new List<(Piece, float)>();
        float x = 0, lineAscent = ascent, lineDescent = descent;
        void Flush()
        {
            var last = current.Count == 0 ? 0 : current[^1].Item2 + current[^1].Item1.Width;
            lines.Add(new Line(current, last, lineAscent, lineDescent, leading));
            current = [];
            x = 0;
            lineAscent = ascent;
            lineDescent = descent;
        }
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (current.Count > 0 && (x + piece.Width > width || forcedBreaks.Contains(i))) Flush();
            current.Add((piece, x));
            x += piece.Width + (piece.SpaceAfter ? piece.SpaceWidth : 0);
            lineAscent = Math.Max(lineAscent, piece.Ascent);
            lineDescent = Math.Max(lineDescent, piece.Descent);
        }
        if (current.Count > 0 || lines.Count == 0) Flush();
        return lines;
    }

    private void AddWords(string text, TextStyle style, float size, SKColor color, float width, float spaceWidth, List<Piece> pieces, HashSet<int> forcedBreaks)
    {
        var (ascent, descent) = Metrics(style, size);
        var paragraphs = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var p = 0; p < paragraphs.Length; p++)
        {
            if (p > 0) forcedBreaks.Add(pieces.Count);
            var words = paragraphs[p].Split(' ');
            for (var w = 0; w < words.Length; w++)
            {
                var word = words[w];
                var spaceAfter = w < words.Length - 1;
                if (word.Length == 0)
                {
                    // Spaces between spans belong to the word before.
                    if (spaceAfter && pieces.Count > 0 && !forcedBreaks.Contains(pieces.Count)) pieces[^1] = pieces[^1] with { SpaceAfter = true, SpaceWidth = spaceWidth };
                    continue;
                }
                var parts = BreakChars(word, style, size, width);
                for (var k = 0; k < parts.Count; k++)
                    pieces.Add(new Word(parts[k], style, size, color, Measure(parts[k], style, size), ascent, descent, k == parts.Count - 1 && spaceAfter, spaceWidth));
            }
        }
    }

    /// <summary>Breaks text into pieces no wider than <paramref name="width"/>, between characters.</summary>
    private List<string> BreakChars(string text, TextStyle style, float size, float width)
    {
        if (Measure(text, style, size) <= width) return [text];
        var parts = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = start + 1;
            while (end < text.Length && Measure(text[start..(end + 1)], style, size) <= width) end++;
            if (end < text.Length && char.IsHighSurrogate(text[end - 1])) end++;
            parts.Add(text[start..end]);
            start = end;
        }
        return parts;
    }

    // ---- header and footer ----------------------------------------------------------------------------------

    private void Decorate(Document document)
    {
        const float size = 7.5f;
        for (var i = 0; i < pages.Count; i++)
        {
            var ops = pages[i];
            var number = $"Page {i + 1} of {pages.Count}";
            var title = Fit(document.Info.Title, TextStyle.Regular, size, Width * 0.6f);
            var left = Fit(document.HeaderLeft, TextStyle.Bold, size, Width - Measure(title, TextStyle.Regular, size) - 20);
            ops.Add(new TextOp(Left, 38, left, TextStyle.Bold, size, Palette.Accent));
            ops.Add(new TextOp(Right - Measure(title, TextStyle.Regular, size), 38, title, TextStyle.Regular, size, Palette.Muted));
            ops.Add(new LineOp(Left, 44, Right, 44, 0.5f, Palette.Rule));
            var footerY = PageHeight - 34;
            ops.Add(new LineOp(Left, footerY - 12, Right, footerY - 12, 0.5f, Palette.Rule));
            var footer = Fit(document.FooterLeft, TextStyle.Regular, size, Width - Measure(number, TextStyle.Bold, size) - 20);
            ops.Add(new TextOp(Left, footerY, footer, TextStyle.Regular, size, Palette.Muted));
            ops.Add(new TextOp(Right - Measure(number, TextStyle.Bold, size), footerY, number, TextStyle.Bold, size, Palette.Muted));
        }
    }

    private string Fit(string text, TextStyle style, float size, float width)
    {
        if (Measure(text, style, size) <= width) return text;
        var end = text.Length;
        while (end > 0 && Measure(text[..end] + "…", style, size) > width) end--;
        return text[..end] + "…";
    }
}
