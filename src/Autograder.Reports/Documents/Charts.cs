using ScottPlot;
using SkiaSharp;

namespace Autograder.Reports.Documents;

/// <summary>ScottPlot charts drawn onto a page canvas as vectors.</summary>
internal static class Charts
{
    private static readonly Lock Gate = new();

    public static void Draw(SKCanvas canvas, Plot plot, SKRect rect)
    {
        var width = (int)rect.Width;
        var height = (int)rect.Height;
        lock (Gate)
        {
            // The first render of a plot lays out its axes; without it the text of the vector render is drawn twice.
            plot.RenderInMemory(width, height);
            canvas.Save();
            canvas.Translate(rect.Left, rect.Top);
            canvas.ClipRect(new SKRect(0, 0, width, height));
            plot.Render(canvas, width, height);
            canvas.Restore();
        }
    }
}
