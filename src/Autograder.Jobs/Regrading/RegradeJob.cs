using System.Diagnostics;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Reports;
using Autograder.Core.Grading;
using Autograder.Core.Variants;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Regrading;

/// <summary>What a regrade found: how many graded submissions it read and every score that changes.</summary>
public sealed record RegradeOutcome(int Submissions, IReadOnlyList<ScoreDelta> Changes);

public sealed record ScoreDelta(long SubmissionId, string Student, string ProblemId, string PartId, double OldScore, double NewScore);

/// <summary>
/// Regrades an exam (or one of its problems) after a fix to a key or a solver: recomputes every graded submission
/// from its stored variants, replaces the results, refreshes the stored reference answers, and reports every
/// changed score. Submissions whose score changed get a new report.
/// </summary>
public sealed class RegradeJob(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, IBackgroundJobClient jobs, JobSettings settings)
{
    public const string Kind = "regrade";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(long examId, string? problemId, PerformContext? context, CancellationToken ct) =>
        RegradeAsync(examId, problemId, context, null, ct);

    /// <summary>Regrades and stores the new results; the changed scores.</summary>
    public async Task<IReadOnlyList<ScoreDelta>> RegradeAsync(long examId, string? problemId, PerformContext? context,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct) =>
        (await RegradeAsync(examId, problemId, apply: true, context, progress, ct)).Changes;

    /// <summary>
    /// Every graded submission's latest result recomputed from its stored variants by the current solvers, TA grades and
    /// overrides kept on top. With <paramref name="apply"/> false nothing is stored: a preview of the changed scores.
    /// </summary>
    public async Task<RegradeOutcome> RegradeAsync(long examId, string? problemId, bool apply, PerformContext? context,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exam = await db.Exams.AsNoTracking().SingleAsync(e => e.Id == examId, ct);
        if (problemId is not null && !bank.Exam(exam.BankExamId).Problems.Any(p => p.ProblemId == problemId))
            throw new Core.Inputs.BadInputException("problem", $"exam '{exam.BankExamId}' has no problem '{problemId}'");
        var submissions = await db.Submissions.AsNoTracking().Include(s => s.Person)
            .Where(s => s.ExamId == examId && s.Result != null).OrderBy(s => s.Id).ToListAsync(ct);
        // The scores a regrade compares come from the stored part rows; a stored result document (24 KB a midterm) is read
        // only where the regrade keeps part of it (code parts, one problem regraded) or must compare it whole (no score moved).
        var oldParts = (await db.PartGrades.AsNoTracking().Where(p => p.Result!.Submission!.ExamId == examId)
            .Select(p => new { p.Result!.SubmissionId, p.ProblemId, p.PartId, p.Score }).ToListAsync(ct))
            .GroupBy(p => p.SubmissionId).ToDictionary(g => g.Key, g => g.ToDictionary(p => (p.ProblemId, p.PartId), p => p.Score));
        var definition = bank.Exam(exam.BankExamId);
        var examHasCode = definition.Problems.Any(p => bank.Problem(p.ProblemId).Parts.Any(part => part.Type == AnswerType.Code));
        // A result without part rows (none is written so, but a row may be lost) is compared with its document instead.
        long[] keepsStored = [.. submissions.Where(s => problemId is not null || examHasCode || s.Code is not null || !oldParts.ContainsKey(s.Id)).Select(s => s.Id)];
        var stored = await StoredAsync(db, keepsStored, ct);
        // Each stored variant solved once, on every core: the regrade grades against these and stores the keys that moved.
        var toVariant = SubmissionGrader.ToVariant(bank);
        var solved = (await db.Variants.AsNoTracking().Where(v => v.ExamId == examId).ToListAsync(ct))
            .AsParallel().WithCancellation(ct).Select(row => new SolvedVariant(row, toVariant(row))).ToList();
        var variants = solved.ToLookup(v => v.Row.PersonId);
        var taChanges = (await db.ScoreChanges.AsNoTracking().Where(c => c.Submission!.ExamId == examId).ToListAsync(ct)).ToLookup(c => c.SubmissionId);
        // Read in a few queries, graded on every core: a preview of 1,000 midterms takes seconds, not a query per submission.
        var done = 0;
        var regraded = submissions.AsParallel().AsOrdered().WithCancellation(ct).Select(submission =>
        {
            var clock = Stopwatch.StartNew();
            var (after, deltas, changed) = Regrade(exam, submission, stored.GetValueOrDefault(submission.Id), oldParts.GetValueOrDefault(submission.Id) ?? [],
                [.. variants[submission.PersonId]], [.. taChanges[submission.Id]], problemId);
            progress?.Report((Interlocked.Increment(ref done), submissions.Count));
            return (Submission: submission, After: after, Deltas: deltas, Changed: changed, Took: clock.Elapsed);
        }).ToList();
        // No score moved and the document was not read: whether anything else in it moved (a key's reference) is read now.
        var unsure = await StoredAsync(db, [.. regraded.Where(r => r.Changed is null).Select(r => r.Submission.Id)], ct);
        var decided = regraded.AsParallel().AsOrdered().WithCancellation(ct).Select(r =>
        {
            var changed = r.Changed ?? Differs(ExamResult.FromJson(unsure[r.Submission.Id]), r.After);
            // The row to store is built here too, on every core: its document is most of the writing's work.
            return (r.Submission, r.Deltas, Changed: changed, Row: apply && changed ? SubmissionGrader.ToRow(r.After, r.Submission.Id, r.Took) : null);
        }).ToList();
        var all = decided.SelectMany(r => r.Deltas).ToList();
        if (!apply) return new RegradeOutcome(submissions.Count, all);

        var run = JobRuns.Start(db, Kind, examId, DateTimeOffset.UtcNow, context);
        await db.SaveChangesAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Graders and TAs wait for this exam's regrade rather than write between its read and its write.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Submissions\" WHERE \"ExamId\" = {examId} FOR UPDATE", ct);
        await RefreshReferenceAnswers(db, solved.Where(v => problemId is null || v.Row.ProblemId == problemId), ct);
        // Only results that read differently are written again (and get a new report).
        var rewritten = decided.Where(r => r.Changed).ToList();
        var ids = rewritten.Select(r => r.Submission.Id).ToList();
        await db.Results.Where(r => ids.Contains(r.SubmissionId)).ExecuteDeleteAsync(ct);
        var now = DateTimeOffset.UtcNow;
        await db.Submissions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.GradedAt, now).SetProperty(s => s.State, SubmissionState.Graded), ct);
        db.Attach(run);
        run.Output = new JsonObject
        {
            ["problem"] = problemId,
            ["submissions"] = submissions.Count,
            ["changes"] = new JsonArray([.. all.Select(d => (JsonNode)new JsonObject
            {
                ["submission"] = d.SubmissionId,
                ["student"] = d.Student,
                ["problem"] = d.ProblemId,
                ["part"] = d.PartId,
                ["old"] = d.OldScore,
                ["new"] = d.NewScore,
            })]),
        };
        JobRuns.Finish(run, $"{all.Count} changed scores in {submissions.Count} submissions");
        await ResultRows.AddAsync(db, [.. rewritten.Select(r => r.Row!)], ct);
        await tx.CommitAsync(ct);
        // In batches, as after grading: a regrade of a whole exam is not a thousand job rounds.
        foreach (var batch in ids.Chunk(settings.GradingBatchSize).Where(_ => settings.RenderReports))
            jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunBatchAsync(batch, null, CancellationToken.None));
        return new RegradeOutcome(submissions.Count, all);
    }

    /// <summary>
    /// One submission regraded. <paramref name="stored"/> is its stored result where the regrade keeps part of it; null
    /// otherwise, and then a regrade that moved no score cannot yet tell whether anything else moved (Changed null).
    /// </summary>
    private (ExamResult After, List<ScoreDelta> Deltas, bool? Changed) Regrade(Exam exam, Submission submission, JsonObject? stored,
        IReadOnlyDictionary<(string ProblemId, string PartId), double> oldParts, IEnumerable<SolvedVariant> variants, IReadOnlyCollection<ScoreChange> changes, string? problemId)
    {
        var before = stored is null ? null : ExamResult.FromJson(stored);
        var fresh = variants.ToDictionary(v => v.Row.ProblemId, v => v.Fresh, StringComparer.Ordinal);
        var after = SubmissionGrader.Grade(bank, exam, submission, submission.Person!, fresh);
        if (before is not null)
        {
            after = KeepCodeParts(before, after);
            if (problemId is not null)
            {
                // Only this problem is regraded; the others keep their stored grades.
                var problems = before.Problems.Select(p => p.ProblemId == problemId ? after.Problems.Single(n => n.ProblemId == problemId) : p).ToList();
                after = (after with { Problems = problems }).WithTotals();
            }
            // Code questions are graded in the sandbox, not from stored variants: they keep their grades.
            var kept = before.Problems.Where(p => after.Problems.All(n => n.ProblemId != p.ProblemId)).ToList();
            if (kept.Count > 0)
                after = (after with { Problems = [.. after.Problems, .. kept] }).WithTotals();
        }
        // TA overrides and manual grades stay on top of the recomputed machine grade.
        after = TaChanges.Apply(after, changes);
        // Where the document was read, its scores are the old ones (the part rows are written from it, so they agree).
        if (before is not null)
            oldParts = before.Problems.SelectMany(p => p.Parts.Select(part => (p.ProblemId, part.PartId, part.Score))).ToDictionary(x => (x.ProblemId, x.PartId), x => x.Score);
        var deltas = after.Problems
            .SelectMany(p => p.Parts.Select(part => (p.ProblemId, part.PartId, part.Score)))
            .Where(x => !oldParts.TryGetValue((x.ProblemId, x.PartId), out var old) || Math.Abs(old - x.Score) > 1e-9)
            .Select(x => new ScoreDelta(submission.Id, submission.Person!.Login, x.ProblemId, x.PartId, oldParts.GetValueOrDefault((x.ProblemId, x.PartId)), x.Score))
            .ToList();
        bool? changed = deltas.Count > 0 ? true : before is null ? null : Differs(before, after);
        return (after, deltas, changed);
    }

    /// <summary>A fixed key can change what the report shows (the reference) without changing a score.</summary>
    private static bool Differs(ExamResult before, ExamResult after) => !JsonNode.DeepEquals(before.ToJson()["problems"], after.ToJson()["problems"]);

    private static async Task<Dictionary<long, JsonObject>> StoredAsync(AutograderDb db, long[] submissionIds, CancellationToken ct) =>
        submissionIds.Length == 0 ? [] : await db.Results.AsNoTracking().Where(r => submissionIds.Contains(r.SubmissionId)).ToDictionaryAsync(r => r.SubmissionId, r => r.Document, ct);

    /// <summary>Code parts were run in the sandbox, not against the stored variants: a regrade keeps their grades.</summary>
    private static ExamResult KeepCodeParts(ExamResult before, ExamResult after)
    {
        var old = before.Problems.SelectMany(p => p.Parts.Select(part => (p.ProblemId, Part: part))).ToDictionary(x => (x.ProblemId, x.Part.PartId), x => x.Part);
        var problems = after.Problems.Select(p =>
        {
            var parts = p.Parts.Select(part => part.Pending == PartPending.Code && old.TryGetValue((p.ProblemId, part.PartId), out var graded) ? graded : part).ToList();
            return p with { Parts = parts };
        }).ToList();
        return (after with { Problems = problems }).WithTotals();
    }

    /// <summary>Stores the reference answers (and solver versions) the current solvers give for the stored params.</summary>
    /// <summary>A stored variant and what the current solver makes of its parameters.</summary>
    private sealed record SolvedVariant(ExamVariant Row, Variant Fresh);

    /// <summary>Stores the reference answers (and versions) of the variants that now read differently, in one statement.</summary>
    private static async Task RefreshReferenceAnswers(AutograderDb db, IEnumerable<SolvedVariant> variants, CancellationToken ct)
    {
        var stale = variants.Where(v => !JsonNode.DeepEquals(v.Fresh.Answers, v.Row.ReferenceAnswers)
            || v.Fresh.SolverVersion != v.Row.SolverVersion || v.Fresh.ProblemVersion != v.Row.ProblemVersion).ToList();
        if (stale.Count == 0) return;
        long[] ids = [.. stale.Select(v => v.Row.Id)];
        string[] answers = [.. stale.Select(v => v.Fresh.Answers.ToJsonString())];
        int[] solverVersions = [.. stale.Select(v => v.Fresh.SolverVersion)];
        int[] problemVersions = [.. stale.Select(v => v.Fresh.ProblemVersion)];
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "Variants" v SET "ReferenceAnswers" = u.answers::jsonb, "SolverVersion" = u.solver, "ProblemVersion" = u.problem
            FROM unnest({ids}, {answers}, {solverVersions}, {problemVersions}) AS u(id, answers, solver, problem) WHERE v."Id" = u.id
            """, ct);
    }
}
