using System.Diagnostics;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Reports;
using Autograder.Solvers.Grading;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Regrading;

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

    /// <summary>The score changes a regrade would make, with nothing stored.</summary>
    public async Task<(int Submissions, IReadOnlyList<ScoreDelta> Changes)> PreviewAsync(long examId, string? problemId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exam = await db.Exams.AsNoTracking().SingleAsync(e => e.Id == examId, ct);
        if (problemId is not null && !bank.Exam(exam.BankExamId).Problems.Any(p => p.ProblemId == problemId))
            throw new Core.Inputs.BadInputException("--problem", $"exam '{exam.BankExamId}' has no problem '{problemId}'");
        var ids = await db.Submissions.Where(s => s.ExamId == examId && s.Result != null).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var deltas = new List<ScoreDelta>();
        foreach (var id in ids) deltas.AddRange(await RegradeOne(id, problemId, apply: false, ct));
        return (ids.Count, deltas);
    }

    public async Task<IReadOnlyList<ScoreDelta>> RegradeAsync(long examId, string? problemId, PerformContext? context,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exam = await db.Exams.AsNoTracking().SingleAsync(e => e.Id == examId, ct);
        if (problemId is not null && !bank.Exam(exam.BankExamId).Problems.Any(p => p.ProblemId == problemId))
            throw new Core.Inputs.BadInputException("--problem", $"exam '{exam.BankExamId}' has no problem '{problemId}'");
        var run = JobRuns.Start(db, Kind, examId, DateTimeOffset.UtcNow, context);
        await db.SaveChangesAsync(ct);

        await RefreshReferenceAnswers(db, examId, problemId, ct);
        var ids = await db.Submissions.Where(s => s.ExamId == examId && s.Result != null).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var deltas = new List<ScoreDelta>();
        for (var i = 0; i < ids.Count; i++)
        {
            deltas.AddRange(await RegradeOne(ids[i], problemId, apply: true, ct));
            progress?.Report((i + 1, ids.Count));
        }
        foreach (var submissionId in deltas.Select(d => d.SubmissionId).Distinct().Where(_ => settings.RenderReports))
            jobs.Enqueue<RenderReportJob>(Queues.Default, j => j.RunAsync(submissionId, null, CancellationToken.None));

        db.ChangeTracker.Clear();
        db.Attach(run);
        run.Output = new JsonObject
        {
            ["problem"] = problemId,
            ["submissions"] = ids.Count,
            ["changes"] = new JsonArray([.. deltas.Select(d => (JsonNode)new JsonObject
            {
                ["submission"] = d.SubmissionId,
                ["student"] = d.Student,
                ["problem"] = d.ProblemId,
                ["part"] = d.PartId,
                ["old"] = d.OldScore,
                ["new"] = d.NewScore,
            })]),
        };
        JobRuns.Finish(run, $"{deltas.Count} changed scores in {ids.Count} submissions");
        await db.SaveChangesAsync(ct);
        return deltas;
    }

    private async Task<List<ScoreDelta>> RegradeOne(long submissionId, string? problemId, bool apply, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Submissions\" WHERE \"Id\" = {submissionId} FOR UPDATE", ct);
        var submission = await db.Submissions.Include(s => s.Exam).Include(s => s.Person).Include(s => s.Result)
            .SingleAsync(s => s.Id == submissionId, ct);
        if (submission.Result is not { } previous) return [];
        var variants = await db.Variants.AsNoTracking().Where(v => v.ExamId == submission.ExamId && v.PersonId == submission.PersonId).ToListAsync(ct);
        var before = ExamResult.FromJson(previous.Document);
        var after = KeepCodeParts(before, SubmissionGrader.Grade(bank, submission.Exam!, submission, submission.Person!, variants));
        if (problemId is not null)
        {
            // Only this problem is regraded; the others keep their stored grades.
            var problems = before.Problems.Select(p => p.ProblemId == problemId ? after.Problems.Single(n => n.ProblemId == problemId) : p).ToList();
            after = after with { Problems = problems, Score = Math.Round(problems.Sum(p => p.Score), 6) };
        }
        // Code questions are graded in the sandbox, not from stored variants: they keep their grades.
        var kept = before.Problems.Where(p => after.Problems.All(n => n.ProblemId != p.ProblemId)).ToList();
        if (kept.Count > 0)
            after = after with { Problems = [.. after.Problems, .. kept], Score = Math.Round(after.Score + kept.Sum(p => p.Score), 6), Max = after.Max + kept.Sum(p => p.Max) };
        // TA overrides and manual grades stay on top of the recomputed machine grade.
        after = TaChanges.Apply(after, await db.ScoreChanges.AsNoTracking().Where(c => c.SubmissionId == submissionId).ToListAsync(ct));
        var oldParts = before.Problems.SelectMany(p => p.Parts.Select(part => (p.ProblemId, part.PartId, part.Score))).ToDictionary(x => (x.ProblemId, x.PartId), x => x.Score);
        var deltas = after.Problems
            .SelectMany(p => p.Parts.Select(part => (p.ProblemId, part.PartId, part.Score)))
            .Where(x => !oldParts.TryGetValue((x.ProblemId, x.PartId), out var old) || Math.Abs(old - x.Score) > 1e-9)
            .Select(x => new ScoreDelta(submissionId, submission.Person!.Login, x.ProblemId, x.PartId, oldParts.GetValueOrDefault((x.ProblemId, x.PartId)), x.Score))
            .ToList();
        // A preview: the transaction ends without a commit, so nothing is stored.
        if (!apply) return deltas;

        await db.Results.Where(r => r.SubmissionId == submissionId).ExecuteDeleteAsync(ct);
        db.Entry(previous).State = EntityState.Detached;
        submission.Result = null;
        db.Results.Add(SubmissionGrader.ToRow(after, submissionId, clock.Elapsed));
        submission.GradedAt = DateTimeOffset.UtcNow;
        submission.State = SubmissionState.Graded;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return deltas;
    }

    /// <summary>Code parts were run in the sandbox, not against the stored variants: a regrade keeps their grades.</summary>
    private static ExamResult KeepCodeParts(ExamResult before, ExamResult after)
    {
        var old = before.Problems.SelectMany(p => p.Parts.Select(part => (p.ProblemId, Part: part))).ToDictionary(x => (x.ProblemId, x.Part.PartId), x => x.Part);
        var problems = after.Problems.Select(p =>
        {
            var parts = p.Parts.Select(part => part.Feedback == Core.Grading.Grader.PendingCode && old.TryGetValue((p.ProblemId, part.PartId), out var graded) ? graded : part).ToList();
            return p with { Parts = parts, Score = Math.Round(parts.Sum(x => x.Score), 6) };
        }).ToList();
        return after with { Problems = problems, Score = Math.Round(problems.Sum(p => p.Score), 6) };
    }

    /// <summary>Stores the reference answers (and solver versions) the current solvers give for the stored params.</summary>
    private async Task RefreshReferenceAnswers(AutograderDb db, long examId, string? problemId, CancellationToken ct)
    {
        var toVariant = SubmissionGrader.ToVariant(bank);
        var query = db.Variants.Where(v => v.ExamId == examId);
        if (problemId is not null) query = query.Where(v => v.ProblemId == problemId);
        foreach (var chunk in (await query.Select(v => v.Id).ToListAsync(ct)).Chunk(500))
        {
            var rows = await db.Variants.Where(v => chunk.Contains(v.Id)).ToListAsync(ct);
            foreach (var row in rows)
            {
                var fresh = toVariant(row);
                if (!JsonNode.DeepEquals(fresh.Answers, row.ReferenceAnswers)) row.ReferenceAnswers = fresh.Answers;
                row.SolverVersion = fresh.SolverVersion;
                row.ProblemVersion = fresh.ProblemVersion;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
