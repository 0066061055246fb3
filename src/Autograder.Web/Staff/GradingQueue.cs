using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Data;
using Autograder.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Staff;

/// <summary>Why a part of a submission waits for a person.</summary>
public enum WorkKind
{
    /// <summary>A written part no machine grades.</summary>
    Manual,
    /// <summary>The student asked for it to be looked at again.</summary>
    Regrade,
    /// <summary>The answer could not be read; a person may see what was meant.</summary>
    FormatError,
    /// <summary>The code hit a time, memory or output limit.</summary>
    Limit,
}

public sealed record WorkItem(long SubmissionId, string Student, string ProblemId, string PartId, WorkKind Kind);

/// <summary>One row of the grading home: a part of a problem and how much of it waits, by kind.</summary>
public sealed record PartQueue(string ProblemId, string ProblemTitle, string PartId, string Type, int Submissions, int Manual, int Regrades, int FormatErrors, int Limits)
{
    public int Count(WorkKind kind) => kind switch
    {
        WorkKind.Manual => Manual,
        WorkKind.Regrade => Regrades,
        WorkKind.FormatError => FormatErrors,
        _ => Limits,
    };
}

/// <summary>
/// What of an exam waits for a person (on each student's latest graded attempt), and "next": the first such item no
/// other TA holds, claimed for <see cref="ClaimLifetime"/> by one atomic upsert on its unique claim row.
/// </summary>
public sealed class GradingQueue(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, TimeProvider clock)
{
    /// <summary>Long enough to grade a proof, short enough that an abandoned tab frees its part soon.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(15);

    private static readonly HashSet<string> Limits = ["time_limit", "memory_limit", "output_limit"];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(long examId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var latest = await db.Submissions.AsNoTracking().Where(s => s.ExamId == examId && s.Result != null)
            .Select(s => new { s.Id, s.PersonId, s.Attempt, s.Person!.Login, s.Result!.Document }).ToListAsync(ct);
        var results = latest.GroupBy(s => s.PersonId).Select(g => g.MaxBy(s => s.Attempt)!).OrderBy(s => s.Id).ToList();
        var ids = results.Select(r => r.Id).ToList();
        var reviewed = (await db.ScoreChanges.AsNoTracking().Where(c => ids.Contains(c.SubmissionId)).Select(c => new { c.SubmissionId, c.ProblemId, c.PartId }).ToListAsync(ct))
            .Select(c => (c.SubmissionId, c.ProblemId, c.PartId)).ToHashSet();
        var requests = await db.RegradeRequests.AsNoTracking().Where(r => r.Submission!.ExamId == examId && r.State == RegradeRequestState.Open)
            .Select(r => new { r.SubmissionId, r.ProblemId, r.PartId, r.Submission!.Person!.Login }).OrderBy(r => r.SubmissionId).ToListAsync(ct);

        var items = new List<WorkItem>();
        foreach (var row in results)
        {
            var result = ExamResult.FromJson(row.Document);
            foreach (var problem in result.Problems)
            foreach (var part in problem.Parts)
            {
                var key = (row.Id, problem.ProblemId, part.PartId);
                if (part.Pending == PartPending.Manual) items.Add(new WorkItem(row.Id, row.Login, problem.ProblemId, part.PartId, WorkKind.Manual));
                else if (part.FormatError && !reviewed.Contains(key)) items.Add(new WorkItem(row.Id, row.Login, problem.ProblemId, part.PartId, WorkKind.FormatError));
                else if (part.Tests.Any(t => Limits.Contains(t.Verdict)) && !reviewed.Contains(key)) items.Add(new WorkItem(row.Id, row.Login, problem.ProblemId, part.PartId, WorkKind.Limit));
            }
        }
        foreach (var r in requests)
            items.Add(new WorkItem(r.SubmissionId, r.Login, r.ProblemId, r.PartId ?? bank.Problem(r.ProblemId).Parts[0].Id, WorkKind.Regrade));
        return items;
    }

    /// <summary>Every part of the exam with its counts, in the exam's order; parts with nothing waiting are listed too.</summary>
    public async Task<(int Submissions, IReadOnlyList<PartQueue> Parts)> CountsAsync(Exam exam, CancellationToken ct)
    {
        var items = await ItemsAsync(exam.Id, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var submissions = await db.Submissions.Where(s => s.ExamId == exam.Id && s.Result != null).Select(s => s.PersonId).Distinct().CountAsync(ct);
        var counts = items.GroupBy(i => (i.ProblemId, i.PartId, i.Kind)).ToDictionary(g => g.Key, g => g.Count());
        int Count(string problem, string part, WorkKind kind) => counts.GetValueOrDefault((problem, part, kind));
        var rows = bank.Exam(exam.BankExamId).Problems.Select(p => bank.Problem(p.ProblemId))
            .SelectMany(problem => problem.Parts.Select(part => new PartQueue(problem.Id, problem.Title, part.Id, part.Type.ToString().ToLowerInvariant(), submissions,
                Count(problem.Id, part.Id, WorkKind.Manual), Count(problem.Id, part.Id, WorkKind.Regrade),
                Count(problem.Id, part.Id, WorkKind.FormatError), Count(problem.Id, part.Id, WorkKind.Limit))))
            .ToList();
        return (submissions, rows);
    }

    /// <summary>
    /// The next item of one part and kind for <paramref name="login"/>: one they already hold, else the first that no
    /// other TA holds, which is then theirs. Null when nothing is left.
    /// </summary>
    public async Task<WorkItem?> NextAsync(long examId, string problemId, string partId, WorkKind kind, string login, long? skip, CancellationToken ct)
    {
        var waiting = (await ItemsAsync(examId, ct)).Where(i => i.ProblemId == problemId && i.PartId == partId && i.Kind == kind && i.SubmissionId != skip)
            .DistinctBy(i => i.SubmissionId).ToList();
        if (waiting.Count == 0) return null;
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = waiting.Select(w => w.SubmissionId).ToList();
        var held = await db.GradingClaims.AsNoTracking().Where(c => ids.Contains(c.SubmissionId) && c.ProblemId == problemId && c.PartId == partId && c.ExpiresAt > now)
            .ToDictionaryAsync(c => c.SubmissionId, c => c.ClaimedBy, ct);
        var mine = waiting.FirstOrDefault(w => held.GetValueOrDefault(w.SubmissionId) == login);
        foreach (var item in mine is null ? waiting.Where(w => !held.ContainsKey(w.SubmissionId)) : [mine])
            if (await ClaimAsync(db, item, login, now, ct)) return item;
        return null;
    }

    /// <summary>Takes the part's claim row when it is free, lapsed or already the caller's; false when another TA holds it.</summary>
    public async Task<bool> ClaimAsync(WorkItem item, string login, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await ClaimAsync(db, item, login, clock.GetUtcNow(), ct);
    }

    private static async Task<bool> ClaimAsync(AutograderDb db, WorkItem item, string login, DateTimeOffset now, CancellationToken ct)
    {
        var expires = now + ClaimLifetime;
        var taken = await db.Database.SqlQuery<long>($"""
            INSERT INTO "GradingClaims" ("SubmissionId", "ProblemId", "PartId", "ClaimedBy", "ClaimedAt", "ExpiresAt")
            VALUES ({item.SubmissionId}, {item.ProblemId}, {item.PartId}, {login}, {now}, {expires})
            ON CONFLICT ("SubmissionId", "ProblemId", "PartId") DO UPDATE
                SET "ClaimedBy" = EXCLUDED."ClaimedBy", "ClaimedAt" = EXCLUDED."ClaimedAt", "ExpiresAt" = EXCLUDED."ExpiresAt"
                WHERE "GradingClaims"."ExpiresAt" <= EXCLUDED."ClaimedAt" OR "GradingClaims"."ClaimedBy" = EXCLUDED."ClaimedBy"
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        return taken.Count == 1;
    }

    /// <summary>Who else holds this part now, if anyone.</summary>
    public async Task<GradingClaim?> HolderAsync(long submissionId, string problemId, string partId, string login, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.GradingClaims.AsNoTracking()
            .SingleOrDefaultAsync(c => c.SubmissionId == submissionId && c.ProblemId == problemId && c.PartId == partId && c.ExpiresAt > now && c.ClaimedBy != login, ct);
    }

    public async Task ReleaseAsync(long submissionId, string problemId, string partId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.GradingClaims.Where(c => c.SubmissionId == submissionId && c.ProblemId == problemId && c.PartId == partId).ExecuteDeleteAsync(ct);
    }
}
