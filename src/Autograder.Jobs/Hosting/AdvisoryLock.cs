using Autograder.Data;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Hosting;

/// <summary>
/// A PostgreSQL session advisory lock around a periodic pass, so that one host at a time does it. A session lock, not a
/// row: it goes away with the connection when a host or the database dies, so nothing is left to expire.
/// </summary>
public static class AdvisoryLock
{
    /// <summary>Runs <paramref name="pass"/> holding lock <paramref name="key"/> on <paramref name="db"/>'s connection; <paramref name="busy"/> when another session holds it.</summary>
    public static async Task<T> TryRunAsync<T>(AutograderDb db, long key, T busy, Func<Task<T>> pass, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(ct)) return busy;
        try
        {
            return await pass();
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
        }
    }

    /// <summary>Of (<paramref name="space"/>, each of <paramref name="keys"/>), holds those no other session holds, in one round trip; returns them.</summary>
    public static async Task<IReadOnlySet<int>> TryHoldEachAsync(AutograderDb db, int space, int[] keys, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"SELECT k AS \"Value\" FROM unnest({keys}) AS k WHERE pg_try_advisory_lock({space}, k)").ToListAsync(ct)).ToHashSet();

    /// <summary>Waits until no other session holds (<paramref name="space"/>, <paramref name="key"/>), then holds it on <paramref name="db"/>'s open connection.</summary>
    public static async Task HoldAsync(AutograderDb db, int space, int key, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({space}, {key})", ct);

    /// <summary>Lets go of every lock <paramref name="db"/>'s connection holds.</summary>
    public static async Task ReleaseAllAsync(AutograderDb db) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock_all()", CancellationToken.None);
}
