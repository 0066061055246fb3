using System.Globalization;
using Autograder.Reports.Documents;
using Autograder.Reports.StudentReports;
using Autograder.Core.Grading;
using ScottPlot;

namespace Autograder.Reports.Summaries;

/// <summary>What the course summary is made from.</summary>
public sealed record CourseSummaryInput(string Course, string ExamTitle, IReadOnlyList<ExamResult> Results)
{
    /// <summary>Open regrade requests; their submissions are listed as needing a TA.</summary>
    public IReadOnlyList<RegradeRequest> RegradeRequests { get; init; } = [];

    /// <summary>The PDF creation date (default: now).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>How many of the most common wrong answers to list per part.</summary>
    public int CommonWrongAnswers { get; init; } = 3;

    public IDocumentRenderer Renderer { get; init; } = SkiaPdfRenderer.Instance;
}

/// <summary>The instructors' and TAs' view of one exam across the class.</summary>
public static class CourseSummary
{
    /// <summary>Renders the summary as PDF bytes: histogram, item analysis, common wrong answers, format errors and the submissions that need a TA.</summary>
    public static byte[] Render(CourseSummaryInput input, CancellationToken ct = default) => input.Renderer.Render(Build(input, ct), ct);

    internal static Document Build(CourseSummaryInput input, CancellationToken ct)
    {
        var stats = SummaryStatistics.Compute(input.Results, input.CommonWrongAnswers);
        ct.ThrowIfCancellationRequested();
        var examIds = input.Results.Select(r => r.ExamId).Distinct(StringComparer.Ordinal).ToList();
        var blocks = new List<Block>
        {
            new Paragraph([new Span(input.Course, TextStyle.Bold, Tone.Muted)]),
            new Heading($"Course summary: {input.ExamTitle}", 1),
            new KeyValues([
                new("Exam", $"{input.ExamTitle} ({string.Join(", ", examIds)})"),
                new("Submissions", stats.Submissions.ToString(CultureInfo.InvariantCulture)),
                new("Mean", $"{P(stats.Mean)} / {P(stats.Max)} ({Pct(stats.Mean, stats.Max)})"),
                new("Median", $"{P(stats.Median)}   standard deviation {P(stats.StandardDeviation)}"),
                new("Range", $"{P(stats.Lowest)} to {P(stats.Highest)}"),
            ]),
        };
        if (stats.Submissions > 0)
        {
            blocks.Add(new Heading("Score distribution", 2));
            blocks.Add(new ChartBlock(Histogram(input.Results, stats.Max), 190));
            blocks.Add(new Heading("Problems", 2));
            blocks.Add(new Paragraph([new Span("Difficulty is the mean share of the points (higher is easier); discrimination is the correlation of the problem's score with the exam total.", Tone: Tone.Muted)], Size: 8.5f));
            blocks.Add(new Table(
                [new Column("Problem", 4), new Column("Mean", 1, Align.Right), new Column("Max", 0.8f, Align.Right), new Column("Difficulty", 1.1f, Align.Right), new Column("Discrimination", 1.4f, Align.Right)],
                [.. stats.Problems.Select(p => new Row([new Cell([new Span(p.Title), new Span("  " + p.ProblemId, TextStyle.Mono, Tone.Muted)]), P(p.Mean), P(p.Max), F(p.Difficulty), F(p.Discrimination)]))]));

            blocks.Add(new Heading("Parts", 2));
            blocks.Add(new Paragraph([new Span("Difficulty is the share of full marks; discrimination is the point-biserial correlation of full marks with the exam total. Format errors are answers the grader could not read.", Tone: Tone.Muted)], Size: 8.5f));
            blocks.Add(new Table(
                [new Column("Part", 3.4f), new Column("Mean", 0.9f, Align.Right), new Column("Max", 0.7f, Align.Right), new Column("Difficulty", 1, Align.Right), new Column("Discr.", 0.9f, Align.Right), new Column("Format err.", 1.1f, Align.Right), new Column("Blank", 0.8f, Align.Right)],
                [.. stats.Problems.SelectMany(p => p.Parts.Select(x => new Row([
                    Ids([$"{p.ProblemId}/{x.PartId}"]), P(x.Mean), P(x.Max),
                    x.PendingManual > 0 ? new Span("TA", Tone: Tone.Warning) : F(x.Difficulty),
                    x.PendingManual > 0 ? new Span("–", Tone: Tone.Muted) : F(x.Discrimination),
                    new Span(Pct(x.FormatErrorRate, 1), Tone: x.FormatErrorRate >= 0.1 ? Tone.Bad : Tone.Normal), Pct(x.BlankRate, 1)])))]));

            blocks.Add(new Heading("Most common wrong answers", 2));
            var wrongRows = stats.Problems.SelectMany(p => p.Parts.SelectMany(x => x.CommonWrongAnswers.Select((w, i) => new Row([
                i == 0 ? Ids([$"{p.ProblemId}/{x.PartId}"]) : "", new Span(w.Answer, TextStyle.Mono), w.Count.ToString(CultureInfo.InvariantCulture),
                Pct(w.Count, stats.Submissions), w.Rule is null ? new Span("none", Tone: Tone.Muted) : new Span(w.Rule, TextStyle.Mono, Tone.Accent), P(w.MeanScore)])))).ToList();
            blocks.Add(wrongRows.Count == 0
                ? new Paragraph([new Span("No wrong answers.", Tone: Tone.Muted)])
                : new Table([new Column("Part", 2.8f), new Column("Answer", 3), new Column("Count", 0.7f, Align.Right), new Column("Share", 0.7f, Align.Right), new Column("Rule", 1.7f), new Column("Mean pts", 0.9f, Align.Right)], wrongRows));
        }

        blocks.Add(new Heading("Submissions that need a TA", 2));
        var manual = ManualWork(input.Results);
        var requests = input.RegradeRequests.OrderBy(r => r.At).ThenBy(r => r.StudentId, StringComparer.Ordinal).ToList();
        if (manual.Count == 0 && requests.Count == 0)
            blocks.Add(new Paragraph([new Span("None: every part is graded and no regrade request is open.", Tone: Tone.Muted)]));
        if (manual.Count > 0)
        {
            blocks.Add(new Paragraph([new Span("Manual parts to grade", TextStyle.Bold), new Span(" (submissions with the same parts waiting are listed together)", Tone: Tone.Muted)], Size: 9.5f));
            blocks.Add(new Table([new Column("Parts waiting", 3.2f), new Column("Count", 0.7f, Align.Right), new Column("Submissions", 4.5f)],
                [.. manual.Select(m => new Row([Ids(m.Parts), m.Students.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", m.Students)]))]));
        }
        if (requests.Count > 0)
        {
            blocks.Add(new Paragraph([new Span("Open regrade requests", TextStyle.Bold)], Size: 9.5f));
            blocks.Add(new Table([new Column("Student", 1.3f), new Column("Part", 2.4f), new Column("Request", 4), new Column("Asked", 1.5f)],
                [.. requests.Select(r => new Row([r.StudentId, Ids([$"{r.ProblemId}/{r.PartId}".TrimEnd('/')]), r.Message, StudentReport.Time(r.At)]))]));
        }

        return new Document(
            new DocumentInfo($"Course summary: {input.ExamTitle}", input.Course, $"Summary of {stats.Submissions} graded submissions", input.CreatedAt ?? DateTimeOffset.UtcNow),
            blocks)
        {
            HeaderLeft = input.Course,
            FooterLeft = $"{stats.Submissions} submissions  ·  {string.Join(", ", examIds)}",
        };
    }

    /// <summary>Submissions with manual parts not yet graded, grouped by the set of parts they wait on.</summary>
    private static List<(IReadOnlyList<string> Parts, List<string> Students)> ManualWork(IReadOnlyList<ExamResult> results) =>
        [.. results
            .Select(r => (r.StudentId, Parts: r.Problems.SelectMany(p => p.Parts.Where(x => x.PendingManual && x.Manual is null).Select(x => $"{p.ProblemId}/{x.PartId}")).ToList()))
            .Where(x => x.Parts.Count > 0)
            .GroupBy(x => string.Join("\n", x.Parts), StringComparer.Ordinal)
            .Select(g => ((IReadOnlyList<string>)g.First().Parts, g.Select(x => x.StudentId).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Item2.Count)];

    /// <summary>Part ids, one a line, with a space around the slash so long ids wrap there.</summary>
    private static Cell Ids(IEnumerable<string> ids) => new([new Span(string.Join("\n", ids.Select(i => i.Replace("/", " / ", StringComparison.Ordinal))), TextStyle.Mono)]);

    private static Plot Histogram(IReadOnlyList<ExamResult> results, double max)
    {
        const int bins = 10;
        var counts = new double[bins];
        foreach (var r in results)
        {
            var bin = max <= 0 ? 0 : (int)Math.Floor(r.Score / max * bins);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var width = max / bins;
        var bars = counts.Select((c, i) => new Bar
        {
            Position = (i + 0.5) * width,
            Value = c,
            Size = width * 0.92,
            FillColor = new Color(0x1f, 0x4e, 0x79),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(0, max);
        plot.XLabel($"Points (of {P(max)})");
        plot.YLabel("Submissions");
        plot.Axes.Bottom.Label.FontSize = 11;
        plot.Axes.Left.Label.FontSize = 11;
        return plot;
    }

    private static string P(double x) => StudentReport.Points(x);
    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
    private static string Pct(double x, double of) => StudentReport.Percent(x, of);
}
