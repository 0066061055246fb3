using SkiaSharp;

namespace Autograder.Reports.Documents;

/// <summary>Formula layout: the size of a <see cref="MathBox"/> and the text and rules that draw it.</summary>
internal sealed partial class PageLayout
{
    private readonly record struct BoxSize(float Width, float Ascent, float Descent);

    private BoxSize MeasureBox(MathBox box, float size)
    {
        switch (box)
        {
            case MathText t:
            {
                var (a, d) = Metrics(TextStyle.Regular, size);
                return new BoxSize(Measure(t.Text, TextStyle.Regular, size), a * 0.8f, d * 0.8f);
            }
            case MathOperator o:
            {
                var (a, d) = Metrics(TextStyle.Regular, size);
                return new BoxSize(Measure(o.Text, TextStyle.Regular, size) + size * 0.5f, a * 0.8f, d * 0.8f);
            }
            case MathRow r:
            {
                var sizes = r.Items.Select(i => MeasureBox(i, size)).ToList();
                return new BoxSize(sizes.Sum(s => s.Width), sizes.Max(s => s.Ascent), sizes.Max(s => s.Descent));
            }
            case MathGroup g: return MeasureBox(g.Inner, size);
            case MathParens p:
            {
                var inner = MeasureBox(p.Inner, size);
                var parenSize = ParenSize(inner, size);
                var open = Measure(p.Open, TextStyle.Regular, parenSize);
                var close = Measure(p.Close, TextStyle.Regular, parenSize);
                var (a, d) = Metrics(TextStyle.Regular, parenSize);
                var shift = ParenShift(inner, size, parenSize);
                return new BoxSize(open + inner.Width + close, Math.Max(inner.Ascent, a * 0.8f - shift), Math.Max(inner.Descent, d * 0.8f + shift));
            }
            case MathScripts s:
            {
                var b = MeasureBox(s.Base, size);
                var small = Math.Max(size * 0.7f, 5f);
                var sup = s.Sup is null ? default : MeasureBox(s.Sup, small);
                var sub = s.Sub is null ? default : MeasureBox(s.Sub, small);
                var up = size * 0.42f;
                var down = size * 0.24f;
                return new BoxSize(b.Width + Math.Max(sup.Width, sub.Width) + size * 0.05f,
                    Math.Max(b.Ascent, s.Sup is null ? 0 : up + sup.Ascent), Math.Max(b.Descent, s.Sub is null ? 0 : down + sub.Descent));
            }
            case MathFraction f:
            {
                var small = Math.Max(size * 0.85f, 5f);
                var num = MeasureBox(f.Numerator, small);
                var den = MeasureBox(f.Denominator, small);
                var axis = size * 0.3f;
                var gap = size * 0.14f;
                return new BoxSize(Math.Max(num.Width, den.Width) + size * 0.4f, axis + gap + num.Ascent + num.Descent, gap + den.Ascent + den.Descent - axis);
            }
            case MathRoot q:
            {
                var inner = MeasureBox(q.Inner, size);
                return new BoxSize(Measure("√", TextStyle.Regular, size) + inner.Width + size * 0.1f, inner.Ascent + size * 0.15f, inner.Descent);
            }
            default: throw new ArgumentException($"unknown formula box {box.GetType().Name}", nameof(box));
        }
    }

    // Parentheses grow only around tall contents (a fraction), not around a superscript.
    private static float ParenSize(BoxSize inner, float size) => inner.Ascent + inner.Descent <= size * 1.5f ? size : (inner.Ascent + inner.Descent) / 0.95f;
    private static float ParenShift(BoxSize inner, float size, float parenSize) => parenSize <= size ? 0 : ((inner.Descent - inner.Ascent) / 2) + (parenSize * 0.3f);

    private void EmitBox(MathBox box, float x, float baseline, float size, SKColor color)
    {
        switch (box)
        {
            case MathText t:
                page.Add(new TextOp(x, baseline, t.Text, TextStyle.Regular, size, color));
                break;
            case MathOperator o:
                page.Add(new TextOp(x + size * 0.25f, baseline, o.Text, TextStyle.Regular, size, color));
                break;
            case MathRow r:
                foreach (var item in r.Items)
                {
                    EmitBox(item, x, baseline, size, color);
                    x += MeasureBox(item, size).Width;
                }
                break;
            case MathGroup g:
                EmitBox(g.Inner, x, baseline, size, color);
                break;
            case MathParens p:
            {
                var inner = MeasureBox(p.Inner, size);
                var parenSize = ParenSize(inner, size);
                var shift = ParenShift(inner, size, parenSize);
                page.Add(new TextOp(x, baseline + shift, p.Open, TextStyle.Regular, parenSize, color));
                x += Measure(p.Open, TextStyle.Regular, parenSize);
                EmitBox(p.Inner, x, baseline, size, color);
                x += inner.Width;
                page.Add(new TextOp(x, baseline + shift, p.Close, TextStyle.Regular, parenSize, color));
                break;
            }
            case MathScripts s:
            {
                EmitBox(s.Base, x, baseline, size, color);
                x += MeasureBox(s.Base, size).Width + size * 0.05f;
                var small = Math.Max(size * 0.7f, 5f);
                if (s.Sup is not null) EmitBox(s.Sup, x, baseline - size * 0.42f, small, color);
                if (s.Sub is not null) EmitBox(s.Sub, x, baseline + size * 0.24f, small, color);
                break;
            }
            case MathFraction f:
            {
                var small = Math.Max(size * 0.85f, 5f);
                var num = MeasureBox(f.Numerator, small);
                var den = MeasureBox(f.Denominator, small);
                var width = Math.Max(num.Width, den.Width) + size * 0.4f;
                var bar = baseline - size * 0.3f;
                var gap = size * 0.14f;
                EmitBox(f.Numerator, x + (width - num.Width) / 2, bar - gap - num.Descent, small, color);
                EmitBox(f.Denominator, x + (width - den.Width) / 2, bar + gap + den.Ascent, small, color);
                page.Add(new LineOp(x + size * 0.1f, bar, x + width - size * 0.1f, bar, Math.Max(0.5f, size * 0.05f), color));
                break;
            }
            case MathRoot q:
            {
                var inner = MeasureBox(q.Inner, size);
                var rootWidth = Measure("√", TextStyle.Regular, size);
                page.Add(new TextOp(x, baseline, "√", TextStyle.Regular, size, color));
                var top = baseline - inner.Ascent - size * 0.08f;
                page.Add(new LineOp(x + rootWidth, top, x + rootWidth + inner.Width + size * 0.1f, top, Math.Max(0.5f, size * 0.05f), color));
                EmitBox(q.Inner, x + rootWidth, baseline, size, color);
                break;
            }
        }
    }
}
