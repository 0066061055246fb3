using ScottPlot;

namespace Autograder.Reports.Documents;

/// <summary>
/// A document as plain data: what to show, not where. <see cref="IDocumentRenderer"/> turns it into pages, so
/// another layout library could replace the renderer without touching the reports that build documents.
/// </summary>
public sealed record Document(DocumentInfo Info, IReadOnlyList<Block> Blocks)
{
    /// <summary>Left part of the running header (the right part is the title).</summary>
    public string HeaderLeft { get; init; } = "";
    /// <summary>Left part of the footer (the right part is "Page i of n").</summary>
    public string FooterLeft { get; init; } = "";
}

/// <summary>PDF metadata. <see cref="Created"/> is the only input that changes the bytes of otherwise equal documents.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, DateTimeOffset Created);

/// <summary>Turns a <see cref="Document"/> into a file.</summary>
public interface IDocumentRenderer
{
    byte[] Render(Document document, CancellationToken ct = default);
}

public enum TextStyle { Regular, Bold, Italic, Mono, MonoBold }

/// <summary>Colours by meaning, so a renderer picks the palette.</summary>
public enum Tone { Normal, Muted, Accent, Good, Partial, Bad, Warning }

/// <summary>A run of text in one style; <see cref="Math"/> runs are formulas (<c>σ^2 (1-a)/a</c>, <c>x_i</c>, <c>sqrt(d)</c>).</summary>
public sealed record Span(string Text, TextStyle Style = TextStyle.Regular, Tone Tone = Tone.Normal, bool Math = false)
{
    public static implicit operator Span(string text) => new(text);
    public static Span B(string text, Tone tone = Tone.Normal) => new(text, TextStyle.Bold, tone);
    public static Span M(string formula) => new(formula, Math: true);
    public static Span Code(string text) => new(text, TextStyle.Mono);
}

public abstract record Block;

public sealed record Heading(string Text, int Level = 1) : Block;

/// <summary>Wrapped text; with a <see cref="Bar"/> tone it is drawn as a callout with a coloured bar on its left.</summary>
public sealed record Paragraph(IReadOnlyList<Span> Spans, Tone? Bar = null, float Size = 10) : Block
{
    public Paragraph(params Span[] spans) : this((IReadOnlyList<Span>)spans) { }
}

public sealed record KeyValue(string Key, IReadOnlyList<Span> Value)
{
    public KeyValue(string key, string value) : this(key, [new Span(value)]) { }
}

/// <summary>Aligned "key: value" lines; values wrap.</summary>
public sealed record KeyValues(IReadOnlyList<KeyValue> Items) : Block;

public enum Align { Left, Right, Center }

/// <summary>A column: header text, relative width and alignment.</summary>
public sealed record Column(string Header, float Weight = 1, Align Align = Align.Left);

public sealed record Cell(IReadOnlyList<Span> Spans)
{
    public static implicit operator Cell(string text) => new([new Span(text)]);
    public static implicit operator Cell(Span span) => new([span]);
}

public sealed record Row(IReadOnlyList<Cell> Cells, bool Emphasis = false);

/// <summary>A table that splits between rows (and inside a very tall row) across pages, repeating its header.</summary>
public sealed record Table(IReadOnlyList<Column> Columns, IReadOnlyList<Row> Rows) : Block;

/// <summary>Monospace text kept line for line; long lines wrap.</summary>
public sealed record CodeBlock(string Text) : Block;

/// <summary>A matrix (or a vector as one row) laid out as a grid between brackets.</summary>
public sealed record MatrixBlock(string Label, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>A displayed formula: sub- and superscripts, fractions, square roots, Greek letter names.</summary>
public sealed record FormulaBlock(string Source, string Label = "") : Block;

/// <summary>A ScottPlot chart drawn as vectors; the renderer draws it at the full text width and this height (points).</summary>
public sealed record ChartBlock(Plot Plot, float Height) : Block;

public sealed record Spacer(float Height) : Block;

public sealed record PageBreak : Block;
