using System.Globalization;
using System.Threading.RateLimiting;
using Autograder.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Autograder.Web.Hosting;

/// <summary>Rate limits on submit and parse, per person: 429 with Retry-After (sign-in has its own, <see cref="Accounts.SignInLimiter"/>).</summary>
public static class RateLimits
{
    public const string Submit = "submit";
    public const string Parse = "parse";

    public static IServiceCollection AddAutograderRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = $"Try again in {seconds} seconds." },
                });
            };
            o.AddPolicy(Submit, http => PerPerson(http, s => s.SubmitPerMinute));
            o.AddPolicy(Parse, http => PerPerson(http, s => s.ParsePerMinute));
        });
        return services;
    }

    private static RateLimitSettings Settings(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<WebSettings>>().Value.RateLimits;

    private static RateLimitPartition<string> PerPerson(HttpContext http, Func<RateLimitSettings, int> limit) =>
        Window(http.User.PersonIdOf() is { } id ? $"person:{id}" : $"ip:{http.Connection.RemoteIpAddress}", limit(Settings(http)));

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
