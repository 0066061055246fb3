using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Formulas;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Sittings;
using Autograder.Jobs.Submissions;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Exams;

public sealed record ExamListItem(Exam Exam, StudentClock Clock, ExamPhase Phase, int AttemptsUsed);

public sealed record PartView(string Id, string Type, string Prompt, double Points, string Hint, IReadOnlyList<ChoiceOption> Choices, string? Starter);

public sealed record ProblemView(string Id, string Title, double Points, string StatementHtml, IReadOnlyList<PartView> Parts);

public sealed record ParseView(bool Ok, string? Understood, string? UnderstoodLatex, string? Error);

public sealed record SubmitResult(long Id, int Attempt, string State, bool Created);

public sealed record PartResult(string Id, string Prompt, double? Score, double? Max, string? Feedback, string? Rule, bool? FormatError, string? Understood, bool Pending, string? Reference);

public sealed record ProblemResult(string Id, string Title, double? Score, double? Max, IReadOnlyList<PartResult> Parts);

public sealed record SubmissionView(long Id, long CourseId, string CourseCode, long PersonId, string Exam, string ExamTitle, string Student, int Attempt,
    string State, DateTimeOffset SubmittedAt, DateTimeOffset? GradedAt, double? Score, double? Max, IReadOnlyList<ProblemResult> Problems,
    bool ReportAvailable, IReadOnlyList<RegradeRequest> RegradeRequests, bool Graded)
{
    /// <summary>Set when it came in the late window: how late, the percent taken off the total, and the total before it (when scores are shown).</summary>
    public LateView? Late { get; init; }
}

public sealed record LateView(TimeSpan By, double PenaltyPercent, double? RawScore)
{
    /// <summary>"2 h 5 min", "1 d 3 h": how late, as a person says it.</summary>
    public string Duration => By.TotalDays >= 1 ? $"{(int)By.TotalDays} d {By.Hours} h" : By.TotalHours >= 1 ? $"{(int)By.TotalHours} h {By.Minutes} min" : $"{Math.Max(1, (int)Math.Ceiling(By.TotalMinutes))} min";
}

/// <summary>Thrown for a submit the exam's rules refuse (deadline passed, not open yet, no attempts left): a 409 with this message.</summary>
public sealed class SubmitRefusedException(string message) : Exception(message);

/// <summary>
/// A student's exam as the web shows it: their exams and times, their own variant without any reference, how an
/// answer would be read, drafts, submitting within their deadline and attempts, and their results as far as released.
/// </summary>
public sealed class ExamService(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, SubmissionService submissions)
{
    public static string State(SubmissionState state) => state.ToString().ToLowerInvariant();

    public async Task<IReadOnlyList<ExamListItem>> ListAsync(long courseId, long personId, bool staff, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exams = await db.Exams.AsNoTracking().Where(e => e.CourseId == courseId && (staff || e.State != ExamState.Draft)).OrderBy(e => e.Id).ToListAsync(ct);
        var ids = exams.Select(e => e.Id).ToList();
        var sittings = await db.Sittings.AsNoTracking().Where(s => ids.Contains(s.ExamId) && s.PersonId == personId).ToDictionaryAsync(s => s.ExamId, ct);
        var attempts = await db.Submissions.Where(s => ids.Contains(s.ExamId) && s.PersonId == personId).GroupBy(s => s.ExamId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = DateTimeOffset.UtcNow;
        return [.. exams.Select(e =>
        {
            var clock = ExamClock.For(e, sittings.GetValueOrDefault(e.Id));
            return new ExamListItem(e, clock, clock.PhaseAt(now), attempts.GetValueOrDefault(e.Id));
        })];
    }

    /// <summary>The exam, when the caller may know it exists: students see published exams only.</summary>
    public async Task<Exam?> FindAsync(long courseId, string examId, bool staff, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Exams.AsNoTracking().Include(e => e.Course)
            .SingleOrDefaultAsync(e => e.CourseId == courseId && e.BankExamId == examId && (staff || e.State != ExamState.Draft), ct);
    }

    public async Task<(StudentClock Clock, ExamSitting? Sitting, int AttemptsUsed)> ClockAsync(Exam exam, long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sitting = await db.Sittings.AsNoTracking().SingleOrDefaultAsync(s => s.ExamId == exam.Id && s.PersonId == personId, ct);
        var used = await db.Submissions.CountAsync(s => s.ExamId == exam.Id && s.PersonId == personId, ct);
        return (ExamClock.For(exam, sitting), sitting, used);
    }

    /// <summary>
    /// Records the student's first opening of an open exam (the start of a time limit); from then on the workers'
    /// auto-submit sweep submits their saved answers once their deadline has passed. Opening again changes nothing.
    /// </summary>
    public async Task<ExamSitting> OpenAsync(Exam exam, long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sitting = await SittingAsync(db, exam.Id, personId, ct);
        if (sitting.FirstOpenedAt is not null || ExamClock.For(exam, sitting).PhaseAt(DateTimeOffset.UtcNow) != ExamPhase.Open) return sitting;
        sitting.FirstOpenedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return sitting;
    }

    private static async Task<ExamSitting> SittingAsync(AutograderDb db, long examId, long personId, CancellationToken ct)
    {
        var sitting = await db.Sittings.SingleOrDefaultAsync(s => s.ExamId == examId && s.PersonId == personId, ct);
        if (sitting is not null) return sitting;
        sitting = new ExamSitting { ExamId = examId, PersonId = personId };
        db.Sittings.Add(sitting);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two tabs opened it at once: take the other's row.
            db.ChangeTracker.Clear();
            return await db.Sittings.SingleAsync(s => s.ExamId == examId && s.PersonId == personId, ct);
        }
        return sitting;
    }

    /// <summary>The student's own variant: statements filled with their numbers, parts with their points and hints; no reference answer.</summary>
    public async Task<IReadOnlyList<ProblemView>?> VariantAsync(Exam exam, long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var variants = await db.Variants.AsNoTracking().Where(v => v.ExamId == exam.Id && v.PersonId == personId).OrderBy(v => v.Position).ToListAsync(ct);
        if (variants.Count == 0) return null;
        return [.. variants.Select(v =>
        {
            var problem = bank.Problem(v.ProblemId);
            var scale = problem.Points > 0 ? v.Points / problem.Points : 1;
            return new ProblemView(problem.Id, problem.Title, v.Points, Statements.Html(problem, v.Params, v.ReferenceAnswers),
                [.. problem.Parts.Select(p => new PartView(p.Id, AnswerHints.TypeName(p.Type), Statements.Html(p.Prompt), Math.Round(p.Points * scale, 4),
                    AnswerHints.For(p), p.Options.Choices ?? [], p.Type == AnswerType.Code ? Starter(problem.Id) : null))]);
        })];
    }

    public async Task<bool> HasVariantAsync(Exam exam, long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Variants.AnyAsync(v => v.ExamId == exam.Id && v.PersonId == personId, ct);
    }

    private string? Starter(string problemId)
    {
        var file = Path.Combine(Path.GetDirectoryName(bank.Root)!, "templates", "code", problemId, "Solution.cs");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>The part of a problem of the exam, or a message naming the field that is wrong.</summary>
    public (PartDefinition? Part, string? Field, string? Error) FindPart(Exam exam, string? problemId, string? partId)
    {
        if (string.IsNullOrWhiteSpace(problemId)) return (null, "problem", "is required");
        if (!bank.Exam(exam.BankExamId).Problems.Any(p => p.ProblemId == problemId)) return (null, "problem", $"the exam has no problem '{problemId}'");
        if (string.IsNullOrWhiteSpace(partId)) return (null, "part", "is required");
        var part = bank.Problem(problemId).Part(partId);
        return part is null
            ? (null, "part", $"problem '{problemId}' has no part '{partId}' (parts: {string.Join(", ", bank.Problem(problemId).Parts.Select(p => p.Id))})")
            : (part, null, null);
    }

    /// <summary>How an answer would be read when graded: the grader's own parser.</summary>
    public static ParseView Parse(PartDefinition part, JsonNode? answer)
    {
        var parsed = AnswerChecker.Parse(part, answer);
        if (parsed.IsFormatError) return new ParseView(false, null, null, parsed.FormatError);
        return new ParseView(true, parsed.Understood, Latex(part, parsed), null);
    }

    private static string? Latex(PartDefinition part, ParsedAnswer parsed)
    {
        static string Num(JsonNode? n) => n!.GetValue<double>().ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
        switch (part.Type)
        {
            case AnswerType.Formula when FormulaParser.TryParse(parsed.Understood, new HashSet<string>(part.Options.Variables ?? [], StringComparer.Ordinal), out var expr, out _):
                return expr.ToLatex();
            case AnswerType.Vector when parsed.Value is JsonArray v:
                return $"\\begin{{bmatrix}} {string.Join(" & ", v.Select(Num))} \\end{{bmatrix}}";
            case AnswerType.Matrix or AnswerType.Property when parsed.Value is JsonArray m && m.All(r => r is JsonArray):
                return $"\\begin{{bmatrix}} {string.Join(@" \\ ", m.Select(r => string.Join(" & ", r!.AsArray().Select(Num))))} \\end{{bmatrix}}";
            case AnswerType.Number when parsed.Value is JsonValue:
                return Num(parsed.Value);
            default:
                return null;
        }
    }

    /// <summary>Checks that answers are <c>{problem: {part: answer}}</c> over the exam's problems and parts; null when they are.</summary>
    public string? CheckAnswers(Exam exam, JsonObject answers)
    {
        var problems = bank.Exam(exam.BankExamId).Problems.Select(p => p.ProblemId).ToHashSet(StringComparer.Ordinal);
        foreach (var (problemId, parts) in answers)
        {
            if (!problems.Contains(problemId)) return $"the exam has no problem '{problemId}'";
            if (parts is not JsonObject partAnswers) return $"'{problemId}' must map part ids to answers, such as {{\"a\": \"0.5\"}}";
            var known = bank.Problem(problemId).Parts.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var unknown = partAnswers.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k));
            if (unknown is not null) return $"problem '{problemId}' has no part '{unknown}' (parts: {string.Join(", ", known)})";
        }
        return null;
    }

    public async Task<DateTimeOffset> SaveDraftAsync(Exam exam, long personId, JsonObject answers, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sitting = await SittingAsync(db, exam.Id, personId, ct);
        var clock = ExamClock.For(exam, sitting);
        var phase = clock.PhaseAt(DateTimeOffset.UtcNow);
        if (phase != ExamPhase.Open) throw new SubmitRefusedException(Refusal(phase, clock));
        sitting.Draft = answers;
        sitting.DraftSavedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return sitting.DraftSavedAt.Value;
    }

    /// <summary>
    /// Submits within the student's deadline and attempts. The key is the student's own: the same key again returns
    /// the stored submission (even after the deadline), and one student's key never meets another's.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(Exam exam, long personId, string login, JsonObject answers, string key, CancellationToken ct)
    {
        var scoped = $"web:{personId}:{key}";
        await using var db = await dbs.CreateDbContextAsync(ct);
        var seen = await db.Submissions.AsNoTracking().Where(s => s.CourseId == exam.CourseId && s.IdempotencyKey == scoped)
            .Select(s => new { s.Id, s.Attempt, s.State }).SingleOrDefaultAsync(ct);
        if (seen is not null) return new SubmitResult(seen.Id, seen.Attempt, State(seen.State), false);

        var sitting = await db.Sittings.AsNoTracking().SingleOrDefaultAsync(s => s.ExamId == exam.Id && s.PersonId == personId, ct);
        var clock = ExamClock.For(exam, sitting);
        var phase = clock.PhaseAt(DateTimeOffset.UtcNow);
        if (phase != ExamPhase.Open) throw new SubmitRefusedException(Refusal(phase, clock));
        var used = await db.Submissions.CountAsync(s => s.ExamId == exam.Id && s.PersonId == personId, ct);
        if (used >= exam.AttemptsAllowed)
            throw new SubmitRefusedException($"All {exam.AttemptsAllowed} attempt{(exam.AttemptsAllowed == 1 ? "" : "s")} of this exam are used; nothing was submitted.");

        var outcome = await submissions.SubmitAsync(new SubmitRequest(exam.Course!.Code, exam.BankExamId, login, answers, scoped), ct);
        var state = await db.Submissions.Where(s => s.Id == outcome.SubmissionId).Select(s => s.State).SingleAsync(ct);
        return new SubmitResult(outcome.SubmissionId, outcome.Attempt, State(state), outcome.Created);
    }

    public static string Refusal(ExamPhase phase, StudentClock clock) => phase switch
    {
        ExamPhase.Upcoming => $"This exam opens at {clock.OpensAt:yyyy-MM-dd HH:mm} UTC; nothing can be submitted before then.",
        _ when clock.LateFrom is not null => $"The late cut-off ({clock.Deadline:yyyy-MM-dd HH:mm} UTC) has passed; submissions are no longer accepted.",
        _ => $"The deadline ({clock.Deadline:yyyy-MM-dd HH:mm} UTC) has passed; submissions are no longer accepted.",
    };

    /// <summary>"−10% per started day late" or "−25%": the exam's late penalty as students read it.</summary>
    public static string Penalty(StudentClock clock) =>
        $"−{clock.LatePenaltyPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%{(clock.LatePenaltyPerDay ? " per started day late" : "")}";

    public async Task<JsonObject?> DraftAsync(Exam exam, long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Sittings.AsNoTracking().Where(s => s.ExamId == exam.Id && s.PersonId == personId).Select(s => s.Draft).SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Submission>> AttemptsAsync(Exam exam, long personId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Submissions.AsNoTracking().Include(s => s.Result).Where(s => s.ExamId == exam.Id && s.PersonId == personId)
            .OrderByDescending(s => s.Attempt).ToListAsync(ct);
    }

    /// <summary>Where a submission is (course and owner), for the access check before anything else is read.</summary>
    public async Task<(long CourseId, long PersonId)?> OwnerAsync(long submissionId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.Submissions.AsNoTracking().Where(s => s.Id == submissionId).Select(s => new { s.CourseId, s.PersonId }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.CourseId, row.PersonId);
    }

    /// <summary>A submission with scores, feedback and reference answers only as far as the exam released them (staff see everything).</summary>
    public async Task<SubmissionView?> SubmissionAsync(long id, bool staff, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().Include(x => x.Exam).ThenInclude(e => e!.Course).Include(x => x.Person).Include(x => x.Result)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return null;
        var release = s.Exam!.Release;
        bool scores = staff || release.Scores, feedback = staff || release.Feedback, references = staff || release.ReferenceAnswers;
        var parts = s.Result is null ? [] : await db.PartGrades.AsNoTracking().Where(p => p.ResultId == s.Result.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var order = await db.Variants.AsNoTracking().Where(v => v.ExamId == s.ExamId && v.PersonId == s.PersonId)
            .ToDictionaryAsync(v => v.ProblemId, v => v.Position, ct);
        var documentParts = s.Result?.Document["problems"] is JsonArray docProblems
            ? docProblems.OfType<JsonObject>().SelectMany(p => (p["parts"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(part => (Problem: (string?)p["problem"] ?? (string?)p["id"], Part: part))).ToList()
            : [];
        var problems = parts.GroupBy(p => p.ProblemId).OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).Select(g =>
        {
            var title = bank.Problems.TryGetValue(g.Key, out var def) ? def.Title : g.Key;
            return new ProblemResult(g.Key, title, scores ? Math.Round(g.Sum(p => p.Score), 6) : null, scores ? g.Sum(p => p.Max) : null,
                [.. g.Select(p =>
                {
                    var doc = documentParts.FirstOrDefault(d => d.Problem == g.Key && (string?)d.Part["part"] == p.PartId).Part;
                    return new PartResult(p.PartId, (string?)doc?["prompt"] ?? "", scores ? p.Score : null, scores ? p.Max : null,
                        feedback ? p.Feedback : null, feedback ? p.Rule : null, feedback ? p.FormatError : null, p.Answer, p.PendingManual,
                        references ? (string?)doc?["reference"] : null);
                })]);
        }).ToList();
        var report = (staff || release.Reports) && await db.Reports.AnyAsync(r => r.SubmissionId == id && r.Kind == ReportKinds.Student, ct);
        var requests = await db.RegradeRequests.AsNoTracking().Where(r => r.SubmissionId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var graded = s.State is SubmissionState.Graded or SubmissionState.Reported;
        double? raw = scores && s.Result is not null ? Math.Round(parts.Sum(p => p.Score), 6) : null;
        return new SubmissionView(s.Id, s.CourseId, s.Exam.Course!.Code, s.PersonId, s.Exam.BankExamId, s.Exam.Title, s.Person!.Login, s.Attempt, State(s.State),
            s.SubmittedAt, s.GradedAt, scores && s.Result is not null ? s.Result.Score : null, scores && s.Result is not null ? s.Result.Max : null,
            problems, report, requests, graded)
        {
            Late = s.LateBy is { } by ? new LateView(by, s.LatePenaltyPercent ?? 0, raw) : null,
        };
    }

    public async Task<byte[]?> ReportAsync(long submissionId, bool staff, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var released = staff || await db.Submissions.Where(s => s.Id == submissionId).Select(s => s.Exam!.Release.Reports).SingleOrDefaultAsync(ct);
        if (!released) return null;
        return await db.Reports.AsNoTracking().Where(r => r.SubmissionId == submissionId && r.Kind == ReportKinds.Student).Select(r => r.Pdf).SingleOrDefaultAsync(ct);
    }
}
