using System.Globalization;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;

namespace Autograder.Core.Grading;

/// <summary>
/// One graded submission of a whole exam, scaled to the exam's points. Everything a report, a summary or an
/// export needs is here and round-trips through <see cref="ToJson"/> and <see cref="FromJson"/>.
/// </summary>
public sealed record ExamResult(
    string ExamId,
    string ExamTitle,
    long Seed,
    string StudentId,
    bool Canonical,
    double Score,
    double Max,
    DateTimeOffset GradedAt,
    string GraderVersion,
    IReadOnlyList<GradedProblem> Problems)
{
    public string? StudentName { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public IReadOnlyList<ScoreOverride> Overrides { get; init; } = [];

    /// <summary>Set for a submission taken in the exam's late window: <see cref="Score"/> is the parts' sum less this penalty.</summary>
    public LatePenalty? Late { get; init; }

    /// <summary>The problems' scores summed, before any late penalty; part and problem scores are always raw.</summary>
    public double RawScore => Round(Problems.Sum(p => p.Score));

    /// <summary>This result with each problem's score and the exam's score and points summed again from the parts, the late penalty taken off the total.</summary>
    public ExamResult WithTotals()
    {
        var problems = Problems.Select(p => p with { Score = Round(p.Parts.Sum(x => x.Score)) }).ToList();
        var raw = Round(problems.Sum(p => p.Score));
        return this with { Problems = problems, Score = Late is { } late ? late.Apply(raw) : raw, Max = Round(problems.Sum(p => p.Max)) };
    }

    /// <summary>This result marked late (or on time, with null) and its total made again.</summary>
    public ExamResult WithLate(LatePenalty? late) => (this with { Late = late }).WithTotals();

    /// <summary>Scores are kept to six decimals so that sums of scaled parts compare equal everywhere.</summary>
    public static double Round(double x) => Math.Round(x, 6);

    public JsonObject ToJson()
    {
        var json = Json();
        // Only a late result carries the key, so an on-time result's document (and the report's data hash) stays as it was.
        if (Late is { } late) json["late"] = new JsonObject { ["minutes"] = Math.Round(late.By.TotalMinutes, 3), ["penalty_percent"] = late.Percent, ["raw_score"] = RawScore };
        return json;
    }

    private JsonObject Json() => new()
    {
        ["exam"] = ExamId,
        ["title"] = ExamTitle,
        ["seed"] = Seed,
        ["student"] = StudentId,
        ["student_name"] = StudentName,
        ["canonical"] = Canonical,
        ["score"] = Score,
        ["max"] = Max,
        ["submitted_at"] = SubmittedAt is { } s ? Time(s) : null,
        ["graded_at"] = Time(GradedAt),
        ["grader_version"] = GraderVersion,
        ["problems"] = new JsonArray(Problems.Select(p => (JsonNode)p.ToJson()).ToArray()),
        ["overrides"] = new JsonArray(Overrides.Select(o => (JsonNode)o.ToJson()).ToArray()),
    };

    /// <summary>Reads what <see cref="ToJson"/> wrote; a missing or mistyped field is a <see cref="BadInputException"/> naming it.</summary>
    public static ExamResult FromJson(JsonObject json) => new(
        Field.Str(json, "exam", ""),
        Field.Str(json, "title", ""),
        Field.Long(json, "seed", ""),
        Field.Str(json, "student", ""),
        Field.Bool(json, "canonical", ""),
        Field.Num(json, "score", ""),
        Field.Num(json, "max", ""),
        Field.Time(json, "graded_at", ""),
        Field.Str(json, "grader_version", ""),
        Field.Array(json, "problems", "").Select((p, i) => GradedProblem.FromJson(Field.Obj(p, $"problems[{i}]"), $"problems[{i}].")).ToList())
    {
        StudentName = Field.OptStr(json, "student_name"),
        SubmittedAt = json["submitted_at"] is null ? null : Field.Time(json, "submitted_at", ""),
        Overrides = json["overrides"] is null ? [] : Field.Array(json, "overrides", "").Select((o, i) => ScoreOverride.FromJson(Field.Obj(o, $"overrides[{i}]"), $"overrides[{i}].")).ToList(),
        Late = json["late"] is JsonObject late ? new LatePenalty(TimeSpan.FromMinutes(Field.Num(late, "minutes", "late.")), Field.Num(late, "penalty_percent", "late.")) : null,
    };

    internal static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A late submission: how long after the student's close it came and the percent of the total it loses.</summary>
public sealed record LatePenalty(TimeSpan By, double Percent)
{
    public double Apply(double raw) => ExamResult.Round(raw * (1 - Math.Clamp(Percent, 0, 100) / 100));
}

/// <summary>One problem of a graded exam; <see cref="Max"/> is the exam's points for it.</summary>
public sealed record GradedProblem(string ProblemId, string Title, double Score, double Max, JsonObject Params, IReadOnlyList<GradedPart> Parts)
{
    public JsonObject ToJson() => new()
    {
        ["problem"] = ProblemId,
        ["title"] = Title,
        ["score"] = Score,
        ["max"] = Max,
        ["params"] = Params.DeepClone(),
        ["parts"] = new JsonArray(Parts.Select(p => (JsonNode)p.ToJson()).ToArray()),
    };

    public static GradedProblem FromJson(JsonObject json, string at) => new(
        Field.Str(json, "problem", at),
        Field.Str(json, "title", at),
        Field.Num(json, "score", at),
        Field.Num(json, "max", at),
        json["params"] is JsonObject p ? (JsonObject)p.DeepClone() : [],
        Field.Array(json, "parts", at).Select((x, i) => GradedPart.FromJson(Field.Obj(x, $"{at}parts[{i}]"), $"{at}parts[{i}].")).ToList());
}

/// <summary>One graded part, scaled to exam points, with the student's answer (as typed when it could not be read) and the reference as understood.</summary>
public sealed record GradedPart(
    string PartId,
    string Prompt,
    string Type,
    double Score,
    double Max,
    string Feedback,
    string? Rule,
    bool FormatError,
    string? Answer,
    string? Reference,
    PartPending Pending,
    IReadOnlyList<RubricItem> Rubric)
{
    /// <summary>Waiting for a TA (a written part not graded yet).</summary>
    public bool PendingManual => Pending == PartPending.Manual;

    /// <summary>Code parts: one outcome per test case.</summary>
    public IReadOnlyList<CodeTestOutcome> Tests { get; init; } = [];

    /// <summary>Manual parts, once a TA graded them.</summary>
    public ManualGrade? Manual { get; init; }

    public JsonObject ToJson() => new()
    {
        ["part"] = PartId,
        ["prompt"] = Prompt,
        ["type"] = Type,
        ["score"] = Score,
        ["max"] = Max,
        ["feedback"] = Feedback,
        ["rule"] = Rule,
        ["format_error"] = FormatError,
        ["answer"] = Answer,
        ["reference"] = Reference,
        ["pending_manual"] = PendingManual,
        ["pending"] = Pending == PartPending.None ? null : Pending.ToString().ToLowerInvariant(),
        ["rubric"] = new JsonArray(Rubric.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["text"] = r.Text, ["points"] = r.Points }).ToArray()),
        ["tests"] = new JsonArray(Tests.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name, ["verdict"] = t.Verdict, ["message"] = t.Message, ["score"] = t.Score, ["max"] = t.Max,
        }).ToArray()),
        ["manual"] = Manual is { } m ? new JsonObject
        {
            ["checked"] = new JsonArray(m.CheckedItems.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["score"] = m.Score,
            ["comment"] = m.Comment,
            ["by"] = m.By,
            ["at"] = ExamResult.Time(m.At),
        } : null,
    };

    public static GradedPart FromJson(JsonObject json, string at) => new(
        Field.Str(json, "part", at),
        Field.Str(json, "prompt", at),
        Field.Str(json, "type", at),
        Field.Num(json, "score", at),
        Field.Num(json, "max", at),
        Field.Str(json, "feedback", at),
        Field.OptStr(json, "rule"),
        Field.Bool(json, "format_error", at),
        Field.OptStr(json, "answer"),
        Field.OptStr(json, "reference"),
        ReadPending(json, at),
        json["rubric"] is null ? [] : Field.Array(json, "rubric", at).Select((r, i) =>
        {
            var o = Field.Obj(r, $"{at}rubric[{i}]");
            return new RubricItem(Field.Str(o, "id", $"{at}rubric[{i}]."), Field.Str(o, "text", $"{at}rubric[{i}]."), Field.Num(o, "points", $"{at}rubric[{i}]."));
        }).ToList())
    {
        Tests = json["tests"] is null ? [] : Field.Array(json, "tests", at).Select((t, i) =>
        {
            var o = Field.Obj(t, $"{at}tests[{i}]");
            var p = $"{at}tests[{i}].";
            return new CodeTestOutcome(Field.Str(o, "name", p), Field.Str(o, "verdict", p), Field.OptStr(o, "message"), Field.Num(o, "score", p), Field.Num(o, "max", p));
        }).ToList(),
        Manual = json["manual"] is JsonObject m
            ? new ManualGrade(
                Field.Array(m, "checked", $"{at}manual.").Select(c => c?.ToString() ?? "").ToList(),
                Field.Num(m, "score", $"{at}manual."),
                Field.OptStr(m, "comment"),
                Field.Str(m, "by", $"{at}manual."),
                Field.Time(m, "at", $"{at}manual."))
            : null,
    };

    // Results stored before "pending" existed only say whether a TA was awaited.
    private static PartPending ReadPending(JsonObject json, string at) => Field.OptStr(json, "pending") switch
    {
        null => Field.Bool(json, "pending_manual", at) ? PartPending.Manual : PartPending.None,
        "manual" => PartPending.Manual,
        "code" => PartPending.Code,
        _ => throw new BadInputException(at + "pending", "must be manual, code or null"),
    };
}

/// <summary>What a part still waits for before its score is final.</summary>
public enum PartPending
{
    None,
    /// <summary>A TA grades it against the rubric.</summary>
    Manual,
    /// <summary>The sandbox runs the submitted code.</summary>
    Code,
}

/// <summary>The outcome of one test case of a code part.</summary>
public sealed record CodeTestOutcome(string Name, string Verdict, string? Message, double Score, double Max);

/// <summary>A TA's grade of a manual part: the rubric items checked (by id), the score and a comment.</summary>
public sealed record ManualGrade(IReadOnlyList<string> CheckedItems, double Score, string? Comment, string By, DateTimeOffset At);

/// <summary>A TA's change of a part's score, kept for the audit trail and shown in the report.</summary>
public sealed record ScoreOverride(string ProblemId, string PartId, double OldScore, double NewScore, string By, DateTimeOffset At, string Reason)
{
    public JsonObject ToJson() => new()
    {
        ["problem"] = ProblemId,
        ["part"] = PartId,
        ["old_score"] = OldScore,
        ["new_score"] = NewScore,
        ["by"] = By,
        ["at"] = ExamResult.Time(At),
        ["reason"] = Reason,
    };

    public static ScoreOverride FromJson(JsonObject json, string at) => new(
        Field.Str(json, "problem", at),
        Field.Str(json, "part", at),
        Field.Num(json, "old_score", at),
        Field.Num(json, "new_score", at),
        Field.Str(json, "by", at),
        Field.Time(json, "at", at),
        Field.Str(json, "reason", at));
}

internal static class Field
{
    public static string Str(JsonObject o, string name, string at) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new BadInputException(at + name, "must be a string");

    public static string? OptStr(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static double Num(JsonObject o, string name, string at)
    {
        try
        {
            return o[name]?.AsDouble() ?? throw new BadInputException(at + name, "must be a number");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new BadInputException(at + name, "must be a number");
        }
    }

    public static long Long(JsonObject o, string name, string at)
    {
        if (o[name] is JsonValue v && v.TryGetValue<long>(out var exact))
            return exact;
        try
        {
            return o[name]?.AsLong() ?? throw new BadInputException(at + name, "must be an integer");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new BadInputException(at + name, "must be an integer");
        }
    }

    public static bool Bool(JsonObject o, string name, string at) =>
        o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new BadInputException(at + name, "must be true or false");

    public static DateTimeOffset Time(JsonObject o, string name, string at) =>
        DateTimeOffset.TryParse(Str(o, name, at), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new BadInputException(at + name, "must be a time such as 2026-11-26T10:00:00Z");

    public static JsonArray Array(JsonObject o, string name, string at) =>
        o[name] as JsonArray ?? throw new BadInputException(at + name, "must be a list");

    public static JsonObject Obj(JsonNode? node, string at) =>
        node as JsonObject ?? throw new BadInputException(at, "must be an object");
}
