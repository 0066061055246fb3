using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Autograder.Reports.Documents;
using Autograder.Core.Grading;

namespace Autograder.Reports.StudentReports;

/// <summary>What a student report shows besides the graded data.</summary>
public sealed record StudentReportOptions
{
    /// <summary>The course name printed at the top and in the running header.</summary>
    public string Course { get; init; } = "Deep Neural Networks";

    /// <summary>Whether the exam releases the reference answers to students.</summary>
    public bool ReleaseReference { get; init; }

    /// <summary>The PDF creation date; the only input besides the result that changes the bytes. Default: now.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Open regrade requests of this submission, shown with the problem they concern.</summary>
    public IReadOnlyList<RegradeRequest> RegradeRequests { get; init; } = [];

    public IDocumentRenderer Renderer { get; init; } = SkiaPdfRenderer.Instance;
}

/// <summary>A student's request to look at a part again.</summary>
public sealed record RegradeRequest(string StudentId, string ProblemId, string? PartId, string Message, DateTimeOffset At);

/// <summary>The PDF a student reads and a TA signs off: one graded submission, problem by problem and part by part.</summary>
public static class StudentReport
{
    /// <summary>Renders the report of one graded submission as PDF bytes.</summary>
    /// <param name="result">The graded submission, as <see cref="ExamGrader"/> returns it (TA grades and overrides included).</param>
    /// <param name="options">Course name, whether references are released, the creation date, regrade requests.</param>
    /// <param name="ct">Cancels between blocks and pages.</param>
    public static byte[] Render(ExamResult result, StudentReportOptions options, CancellationToken ct = default) =>
        options.Renderer.Render(Build(result, options), ct);

    /// <summary>The first 16 hex digits of SHA-256 over the result's JSON: printed in the footer so a printout can be traced.</summary>
    public static string DataHash(ExamResult result) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.ToJson().ToJsonString())))[..16];

    internal static Document Build(ExamResult result, StudentReportOptions options)
    {
        var who = result.StudentName is { Length: > 0 } name ? $"{name} ({result.StudentId})" : result.StudentId;
        var blocks = new List<Block>
        {
            new Paragraph([new Span(options.Course, TextStyle.Bold, Tone.Muted)], Size: 10),
            new Heading($"Graded report: {result.ExamTitle}", 1),
            new KeyValues([
                new("Student", who),
                new("Exam", $"{result.ExamTitle} ({result.ExamId})"),
                new("Variant", result.Canonical ? "canonical (the numbers of the printed exam)" : $"seed {result.Seed}, student {result.StudentId}"),
                new("Submitted", result.SubmittedAt is { } s ? Time(s) : "not recorded"),
                .. result.Late is { } late
                    ? [new KeyValue("Late", [new Span($"late by {Late(late.By)}: −{Points(late.Percent)}% of the total {Points(result.RawScore)}", TextStyle.Bold, Tone.Warning)])]
                    : Array.Empty<KeyValue>(),
                new("Graded", $"{Time(result.GradedAt)} by grader {result.GraderVersion}"),
                new("Total", [new Span($"{Points(result.Score)} / {Points(result.Max)} points", TextStyle.Bold, ToneOf(result.Score, result.Max)), new Span($"  ({Percent(result.Score, result.Max)})", Tone: Tone.Muted)]),
            ]),
            new Spacer(4),
            new Heading("Summary", 2),
            SummaryTable(result),
        };
        var pending = result.Problems.SelectMany(p => p.Parts.Where(x => x.PendingManual && x.Manual is null).Select(x => $"{p.ProblemId}/{x.PartId}")).ToList();
        if (pending.Count > 0)
            blocks.Add(new Paragraph([new Span("Waiting for a TA: ", TextStyle.Bold), new Span(string.Join(", ", pending) + ". The total will change when these parts are graded.")], Tone.Warning));
        if (result.Overrides.Count > 0)
        {
            blocks.Add(new Heading("Score changes by TAs", 2));
            blocks.Add(new Table(
                [new Column("Part", 2.2f), new Column("Before", 0.8f, Align.Right), new Column("After", 0.8f, Align.Right), new Column("By", 1.2f), new Column("When", 1.6f), new Column("Why", 3.2f)],
                [.. result.Overrides.Select(o => new Row([new Span($"{o.ProblemId}/{o.PartId}", TextStyle.Mono), Points(o.OldScore), Points(o.NewScore), o.By, Time(o.At), o.Reason]))]));
        }

        var number = 0;
        foreach (var problem in result.Problems)
        {
            number++;
            blocks.Add(new Heading($"Problem {number}: {problem.Title}  ·  {Points(problem.Score)} / {Points(problem.Max)} points", 2));
            blocks.Add(new Paragraph([new Span(problem.ProblemId, TextStyle.Mono, Tone.Muted)], Size: 8));
            blocks.AddRange(Given(problem.Params));
            foreach (var request in options.RegradeRequests.Where(r => r.ProblemId == problem.ProblemId))
                blocks.Add(new Paragraph([new Span("Regrade requested", TextStyle.Bold), new Span($" ({Time(request.At)}{(request.PartId is null ? "" : ", part " + request.PartId)}): {request.Message}")], Tone.Accent));
            foreach (var part in problem.Parts) blocks.AddRange(Part(part, result, problem, options));
        }

        return new Document(
            new DocumentInfo($"{result.ExamTitle}: report for {result.StudentId}", options.Course, $"Graded report of {result.ExamId} for {who}", options.CreatedAt ?? DateTimeOffset.UtcNow),
            blocks)
        {
            HeaderLeft = $"{options.Course}  ·  {who}",
            FooterLeft = $"data sha256 {DataHash(result)}  ·  grader {result.GraderVersion}",
        };
    }

    private static string Late(TimeSpan by) => by.TotalDays >= 1 ? $"{(int)by.TotalDays} d {by.Hours} h" : by.TotalHours >= 1 ? $"{(int)by.TotalHours} h {by.Minutes} min" : $"{Math.Max(1, (int)Math.Ceiling(by.TotalMinutes))} min";

    private static Table SummaryTable(ExamResult result)
    {
        var rows = result.Problems.Select((p, i) => new Row([
            $"{i + 1}", p.Title, new Span(p.ProblemId, TextStyle.Mono, Tone.Muted),
            new Span(Points(p.Score), Tone: ToneOf(p.Score, p.Max)), Points(p.Max), Percent(p.Score, p.Max),
        ])).ToList();
        if (result.Late is { } late)
            rows.Add(new Row(["", new Span($"Late: −{Points(late.Percent)}%", Tone: Tone.Warning), "", new Span($"−{Points(ExamResult.Round(result.RawScore - result.Score))}", Tone: Tone.Warning), "", ""]));
        rows.Add(new Row(["", "Total", "", Points(result.Score), Points(result.Max), Percent(result.Score, result.Max)], Emphasis: true));
        return new Table(
            [new Column("#", 0.5f, Align.Right), new Column("Problem", 3.5f), new Column("Id", 2.4f), new Column("Score", 0.9f, Align.Right), new Column("Max", 0.8f, Align.Right), new Column("%", 0.8f, Align.Right)],
            rows);
    }

    /// <summary>The student's own parameters: scalars as key-value lines, matrices as grids, anything else as JSON.</summary>
    internal static IEnumerable<Block> Given(JsonObject parameters)
    {
        if (parameters.Count == 0) yield break;
        yield return new Paragraph([new Span("Your numbers", TextStyle.Bold)], Size: 9.5f);
        var simple = new List<KeyValue>();
        var complex = new List<Block>();
        foreach (var (key, value) in parameters)
        {
            if (Matrix(value) is { } rows && rows.Count > 1) complex.Add(new MatrixBlock(key, rows));
            else if (Inline(value) is { } text) simple.Add(new KeyValue(key, [new Span(text, TextStyle.Mono)]));
            else if (Records(value) is { } table) complex.AddRange([new Paragraph([new Span(key, TextStyle.Bold, Tone.Muted)], Size: 9), table]);
            else if (Tree(value) is { } tree) complex.AddRange([new Paragraph([new Span(key, TextStyle.Bold, Tone.Muted)], Size: 9), new CodeBlock(tree)]);
            else complex.AddRange([new Paragraph([new Span(key, TextStyle.Bold, Tone.Muted)], Size: 9), new CodeBlock(value?.ToJsonString(Relaxed) ?? "null")]);
        }
        if (simple.Count > 0) yield return new KeyValues(simple);
        foreach (var block in complex) yield return block;
    }

    private static IEnumerable<Block> Part(GradedPart part, ExamResult result, GradedProblem problem, StudentReportOptions options)
    {
        var tone = part.PendingManual && part.Manual is null ? Tone.Warning : part.FormatError ? Tone.Warning : ToneOf(part.Score, part.Max);
        yield return new Heading($"Part {part.PartId}  ·  {Points(part.Score)} / {Points(part.Max)}", 3);
        if (part.Prompt.Length > 0) yield return new Paragraph([new Span(part.Prompt, Tone: Tone.Muted)], Size: 9.5f);
        var code = part.Type == "code" && part.Answer is not null;
        IReadOnlyList<Span> answer = code ? [new Span("the code below", Tone: Tone.Muted)]
            // an answer that could not be read is shown as typed, not typeset
            : part.FormatError && part.Answer is not null ? [new Span(part.Answer, TextStyle.Mono), new Span("  (as typed)", Tone: Tone.Muted)]
            : AnswerSpans(part.Answer, part.Type);
        var lines = new List<KeyValue> { new("Your answer", answer) };
        if (options.ReleaseReference && part.Reference is not null) lines.Add(new KeyValue("Reference", AnswerSpans(part.Reference, part.Type)));
        yield return new KeyValues(lines);
        if (code) yield return new CodeBlock(part.Answer!);

        var feedback = new List<Span>();
        if (part.FormatError) feedback.Add(new Span("Could not read this answer: ", TextStyle.Bold));
        feedback.Add(new Span(part.Feedback));
        if (part.Rule is { Length: > 0 } rule) feedback.Add(new Span($"  [rule: {rule}]", TextStyle.Mono, Tone.Muted));
        yield return new Paragraph(feedback, tone);

        if (part.Tests.Count > 0)
        {
            yield return new Table(
                [new Column("Test", 2.2f), new Column("Verdict", 1.2f), new Column("Points", 0.9f, Align.Right), new Column("Message", 4)],
                [.. part.Tests.Select(t => new Row([new Span(t.Name, TextStyle.Mono), new Span(t.Verdict, TextStyle.Bold, VerdictTone(t.Verdict)), $"{Points(t.Score)} / {Points(t.Max)}", t.Message ?? ""]))]);
        }
        if (part.Rubric.Count > 0)
        {
            var checkedItems = part.Manual?.CheckedItems.ToHashSet(StringComparer.Ordinal) ?? [];
            yield return new Table(
                [new Column("", 0.4f, Align.Center), new Column("Rubric item", 5), new Column("Points", 0.9f, Align.Right)],
                [.. part.Rubric.Select(r => new Row([
                    part.Manual is null ? new Span("·", Tone: Tone.Muted) : checkedItems.Contains(r.Id) ? new Span("✓", TextStyle.Bold, Tone.Good) : new Span("✗", Tone: Tone.Bad),
                    r.Text, Points(r.Points)]))]);
        }
        if (part.Manual is { } manual)
        {
            yield return new KeyValues([
                new("TA", $"{manual.By}, {Time(manual.At)}"),
                new("Comment", manual.Comment is { Length: > 0 } c ? c : "(none)"),
            ]);
        }
        foreach (var o in result.Overrides.Where(o => o.ProblemId == problem.ProblemId && o.PartId == part.PartId))
            yield return new Paragraph([new Span("Score changed ", TextStyle.Bold), new Span($"from {Points(o.OldScore)} to {Points(o.NewScore)} by {o.By} on {Time(o.At)}: {o.Reason}")], Tone.Accent);
    }

    private static IReadOnlyList<Span> AnswerSpans(string? text, string type)
    {
        if (text is null) return [new Span("(none)", Tone: Tone.Muted)];
        return type is "formula" or "complexity" ? [Span.M(text)] : [new Span(text, TextStyle.Mono)];
    }

    /// <summary>A JSON array of equally long arrays of numbers or strings, as rows of text.</summary>
    internal static List<List<string>>? Matrix(JsonNode? node)
    {
        if (node is not JsonArray { Count: > 0 } rows || rows.Any(r => r is not JsonArray)) return null;
        var result = new List<List<string>>();
        foreach (var row in rows.Cast<JsonArray>())
        {
            if (row.Any(x => x is not JsonValue)) return null;
            result.Add([.. row.Select(x => Scalar((JsonValue)x!))]);
        }
        return result;
    }

    private static string? Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v => Scalar(v),
        JsonArray a when a.All(x => x is JsonValue) && a.Count <= 24 => "[" + string.Join(", ", a.Select(x => Scalar((JsonValue)x!))) + "]",
        _ => null,
    };

    private static string Scalar(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d.ToString("G6", CultureInfo.InvariantCulture)
        : value.TryGetValue<string>(out var s) ? s
        : value.ToJsonString();

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A decoding tree (<c>{"children": [{"token", "logp", "children"}]}</c>) as indented lines: token and log-probability.</summary>
    private static string? Tree(JsonNode? node)
    {
        if (node is not JsonObject { } root || root["children"] is not JsonArray) return null;
        var text = new StringBuilder();
        void Walk(JsonObject o, int depth)
        {
            foreach (var child in (o["children"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var logp = child["logp"] is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("0.###", CultureInfo.InvariantCulture) : "?";
                text.Append(' ', depth * 4).Append(child["token"]?.ToString() ?? "?").Append("   log p = ").Append(logp).Append('\n');
                Walk(child, depth + 1);
            }
        }
        Walk(root, 0);
        return text.ToString();
    }

    /// <summary>An array of objects whose values are scalars or short vectors (such as <c>cases</c>), as a table with a column per key.</summary>
    private static Table? Records(JsonNode? node)
    {
        if (node is not JsonArray { Count: > 0 } items || items.Any(i => i is not JsonObject)) return null;
        var keys = items.Cast<JsonObject>().SelectMany(o => o.Select(kv => kv.Key)).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count is 0 or > 8) return null;
        var rows = new List<Row>();
        foreach (var item in items.Cast<JsonObject>())
        {
            var cells = new List<Cell>();
            foreach (var key in keys)
            {
                if (!item.TryGetPropertyValue(key, out var value)) cells.Add("");
                else if (Inline(value) is { } text) cells.Add(new Span(text, TextStyle.Mono));
                else return null;
            }
            rows.Add(new Row(cells));
        }
        return new Table([.. keys.Select(k => new Column(k))], rows);
    }

    internal static Tone ToneOf(double score, double max) =>
        max <= 0 ? Tone.Normal : score >= max - 1e-9 ? Tone.Good : score > 1e-9 ? Tone.Partial : Tone.Bad;

    private static Tone VerdictTone(string verdict) => verdict.ToLowerInvariant() switch
    {
        "passed" or "pass" or "ok" => Tone.Good,
        "failed" or "fail" or "wrong" => Tone.Bad,
        _ => Tone.Warning,
    };

    internal static string Points(double x) => Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Percent(double score, double max) => max <= 0 ? "–" : (score / max).ToString("0%", CultureInfo.InvariantCulture);

    internal static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
