using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Autograder.Reports.Tests.Support;

/// <summary>A PDF read back with PdfPig: its text page by page, and its words with their boxes.</summary>
internal sealed class Pdf
{
    public IReadOnlyList<string> PageTexts { get; }
    public IReadOnlyList<IReadOnlyList<Word>> PageWords { get; }
    public IReadOnlyList<(double Width, double Height)> PageSizes { get; }
    public string Title { get; }
    public string Author { get; }
    public string? CreationDate { get; }

    public Pdf(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        var texts = new List<string>();
        var words = new List<IReadOnlyList<Word>>();
        var sizes = new List<(double, double)>();
        foreach (var page in document.GetPages())
        {
            var pageWords = page.GetWords().ToList();
            words.Add(pageWords);
            texts.Add(string.Join(" ", pageWords.Select(w => w.Text)));
            sizes.Add((page.Width, page.Height));
        }
        PageTexts = texts;
        PageWords = words;
        PageSizes = sizes;
        Title = document.Information.Title ?? "";
        Author = document.Information.Author ?? "";
        CreationDate = document.Information.CreationDate;
    }

    /// <summary>All the text, with words separated by single spaces (so phrases can be searched across line breaks).</summary>
    public string Text => string.Join(" ", PageTexts);

    public int Pages => PageTexts.Count;
}
