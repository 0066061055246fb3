using Autograder.Data;
using Autograder.Data.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Autograder.Jobs.Grading;

/// <summary>
/// Stores many graded results at once, by binary COPY: the result rows, then their part rows under the ids PostgreSQL
/// gave them. Through EF, a regrade's 1,000 midterm results (with about 40,000 part rows) took about 2.5 s to track and
/// insert; the COPYs take a fraction of that. Saves the caller's other tracked changes first, and runs inside the
/// caller's transaction, on its connection.
/// </summary>
internal static class ResultRows
{
    public static async Task AddAsync(AutograderDb db, IReadOnlyList<GradingResult> results, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (results.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Serialized on every core before the COPY: a midterm's document is about 24 KB.
        var documents = results.AsParallel().AsOrdered().Select(r => r.Document.ToJsonString()).ToList();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Results" ("SubmissionId", "Score", "Max", "GraderVersion", "GradedAt", "DurationMs", "Worker", "Document") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (r, document) in results.Zip(documents))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.SubmissionId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(r.Score, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(r.Max, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(r.GraderVersion, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.GradedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(r.DurationMs, NpgsqlDbType.Double, ct);
                await WriteNullableAsync(copy, r.Worker, ct);
                await copy.WriteAsync(document, NpgsqlDbType.Jsonb, ct);
            }
            await copy.CompleteAsync(ct);
        }

        // One result per submission (a unique index), so the submission finds the id of its result.
        long[] submissions = [.. results.Select(r => r.SubmissionId)];
        var ids = await db.Results.Where(r => submissions.Contains(r.SubmissionId)).Select(r => new { r.Id, r.SubmissionId }).ToDictionaryAsync(r => r.SubmissionId, r => r.Id, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "PartGrades" ("ResultId", "ProblemId", "PartId", "Score", "Max", "Feedback", "Rule", "FormatError", "PendingManual", "Answer") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var r in results)
            {
                r.Id = ids[r.SubmissionId];
                foreach (var p in r.Parts)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(p.ProblemId, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(p.PartId, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(p.Score, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(p.Max, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(p.Feedback, NpgsqlDbType.Text, ct);
                    await WriteNullableAsync(copy, p.Rule, ct);
                    await copy.WriteAsync(p.FormatError, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync(p.PendingManual, NpgsqlDbType.Boolean, ct);
                    await WriteNullableAsync(copy, p.Answer, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);
}
