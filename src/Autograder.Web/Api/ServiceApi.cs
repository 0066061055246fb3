using Autograder.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Api;

public sealed record Health(string Status);

/// <summary><c>/healthz</c> (the process runs) and <c>/readyz</c> (PostgreSQL answers and every migration is applied).</summary>
public static class ServiceApi
{
    /// <summary>The paths probes and scrapers are pointed at (the deployment's manifests are checked against these).</summary>
    public const string HealthPath = "/healthz", ReadyPath = "/readyz", MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(HealthPath, () => TypedResults.Ok(new Health("ok"))).AllowAnonymous();
        app.MapGet(ReadyPath, ReadyAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<Health>, JsonHttpResult<Health>>> ReadyAsync(IDbContextFactory<AutograderDb> dbs, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0) return TypedResults.Json(new Health($"migrations pending: {string.Join(", ", pending)}"), statusCode: StatusCodes.Status503ServiceUnavailable);
            return TypedResults.Ok(new Health("ready"));
        }
        catch (Npgsql.NpgsqlException e)
        {
            return TypedResults.Json(new Health($"database unavailable: {e.Message}"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
