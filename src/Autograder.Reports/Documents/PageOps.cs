using ScottPlot;
using SkiaSharp;

namespace Autograder.Reports.Documents;

/// <summary>What a laid-out page holds: text at a baseline, lines, filled rectangles and charts, in points from the top left.</summary>
internal abstract record PageOp;
internal sealed record TextOp(float X, float Baseline, string Text, TextStyle Style, float Size, SKColor Color) : PageOp;
internal sealed record LineOp(float X1, float Y1, float X2, float Y2, float Width, SKColor Color) : PageOp;
internal sealed record RectOp(SKRect Rect, SKColor Color) : PageOp;
internal sealed record ChartOp(Plot Plot, SKRect Rect) : PageOp;

internal static class Palette
{
    public static readonly SKColor Text = new(0x1d, 0x23, 0x2b);
    public static readonly SKColor Muted = new(0x5f, 0x6b, 0x78);
    public static readonly SKColor Accent = new(0x1f, 0x4e, 0x79);
    public static readonly SKColor Good = new(0x2e, 0x7d, 0x32);
    public static readonly SKColor Partial = new(0xb2, 0x6a, 0x00);
    public static readonly SKColor Bad = new(0xc6, 0x28, 0x28);
    public static readonly SKColor Warning = new(0x8a, 0x4b, 0x00);
    public static readonly SKColor Rule = new(0xc9, 0xd2, 0xdc);
    public static readonly SKColor HeaderFill = new(0xe4, 0xec, 0xf4);
    public static readonly SKColor Zebra = new(0xf6, 0xf8, 0xfa);
    public static readonly SKColor CodeFill = new(0xf3, 0xf4, 0xf6);

    public static SKColor Of(Tone tone) => tone switch
    {
        Tone.Muted => Muted,
        Tone.Accent => Accent,
        Tone.Good => Good,
        Tone.Partial => Partial,
        Tone.Bad => Bad,
        Tone.Warning => Warning,
        _ => Text,
    };

    public static SKColor Tint(Tone tone) => Of(tone).WithAlpha(0x14);
}
