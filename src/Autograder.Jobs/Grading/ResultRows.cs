using Autograder.Data;
using Autograder.Data.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Autograder.Jobs.Grading;

/// <summary>
/// Stores many graded results at once: the result rows through EF (which gives them their ids), their part rows by one
/// binary COPY. A batch of 50 midterms is about 2,000 part rows, which EF writes as tracked inserts in about 0.4 s; the
/// COPY takes a few milliseconds. Runs inside the caller's transaction, on its connection.
/// </summary>
internal static class ResultRows
{
    public static async Task AddAsync(AutograderDb db, IReadOnlyList<GradingResult> results, CancellationToken ct)
    {
        // Taken off before EF sees them, so that it neither tracks nor inserts them; the results keep an empty list.
        var parts = results.Select(r => (Result: r, Parts: r.Parts)).ToList();
        foreach (var r in results) r.Parts = [];
        db.Results.AddRange(results);
        await db.SaveChangesAsync(ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY "PartGrades" ("ResultId", "ProblemId", "PartId", "Score", "Max", "Feedback", "Rule", "FormatError", "PendingManual", "Answer") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var (result, rows) in parts)
        {
            foreach (var p in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(result.Id, NpgsqlDbType.Bigint, ct);
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

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);
}
