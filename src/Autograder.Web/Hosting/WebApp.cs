using System.Text.Json;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Telemetry;
using Autograder.Web.Access;
using Autograder.Web.Accounts;
using Autograder.Web.Api;
using Autograder.Web.Exams;
using Autograder.Web.Staff;
using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Autograder.Web.Hosting;

/// <summary>How a process hosts the web app: with workers in the same process (<c>serve</c>) or without (<c>web</c>).</summary>
public sealed record WebHostOptions
{
    public WorkerSpec? Workers { get; init; }
    public ProblemBank? Bank { get; init; }
    /// <summary>Runs on the built app before it starts (the demo loads its course here).</summary>
    public Func<WebApplication, CancellationToken, Task>? BeforeStart { get; init; }
}

/// <summary>
/// The web app: the database (configured, else the embedded one), the jobs' services, Identity with cookies and
/// tokens, the one course-access rule, the API, the pages and their front-end files.
/// </summary>
public static class WebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static async Task<WebApplication> BuildAsync(string[] args, WebHostOptions? options = null, CancellationToken ct = default)
    {
        options ??= new WebHostOptions();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(WebApp).Assembly.GetName().Name });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            .AddFilter("Hangfire", LogLevel.Warning).AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var database = await Database.OpenAsync(builder.Configuration.GetConnectionString("Default"), ct: ct);
        try
        {
            var bank = options.Bank ?? BankLoader.Load(ProblemBank.Locate(builder.Configuration["Autograder:Bank"]));
            builder.Services.AddSingleton(database);
            builder.Configuration.AddAutograderEnvironment();
            builder.Configuration["ConnectionStrings:Default"] = database.ConnectionString;
            builder.AddAutograderJobs(bank).AddAutograderTelemetry();
            // The web node serves /metrics on its own port; workers have a listener of their own (Telemetry:MetricsPort).
            // Request spans with their method, route and status (the bare ASP.NET Core activity carries none of them).
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddPrometheusExporter())
                .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics")));
            if (options.Workers is { } workers) builder.AddAutograderWorker(workers);
            builder.Services.AddAutograderWeb(builder.Configuration);
            var app = builder.Build();
            app.Lifetime.ApplicationStopped.Register(database.Dispose);
            app.UseAutograderWeb();
            if (options.BeforeStart is { } before) await before(app, ct);
            return app;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public static IServiceCollection AddAutograderWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebSettings>(configuration.GetSection(WebSettings.Section));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AllowAnonymousToPage("/Error");
        });

        // Keys in PostgreSQL: every web node reads the others' cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("autograder");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IDbContextFactory<AutograderDb>>())));

        services.AddIdentityCore<WebUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters += "+";
            })
            .AddEntityFrameworkStores<AutograderDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<WebClaimsFactory>()
            .AddPasswordValidator<PasswordRules>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CallerScheme;
                o.DefaultChallengeScheme = CallerScheme;
            })
            .AddPolicyScheme(CallerScheme, "Cookie or personal access token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? AccessTokens.Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokens.Scheme, null)
            .AddIdentityCookies();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<WebSettings>>((o, settings) =>
        {
            o.Cookie.Name = "autograder";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = settings.Value.SessionLifetime;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<WebSettings>>((o, settings) => o.ValidationInterval = settings.Value.SecurityStampInterval);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "autograder-antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorization();
        services.AddScoped<IAuthorizationHandler, CourseAccessHandler>();
        services.AddScoped<CourseAccess>();
        services.AddScoped<ExamService>();
        services.AddScoped<AccountService>();
        services.AddAutograderStaff();
        services.AddSingleton<SignInLimiter>();
        services.AddAutograderRateLimits();
        return services;
    }

    public const string CallerScheme = "caller";
    public const string AntiforgeryHeader = "RequestVerificationToken";

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseAutograderWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(http => IsApi(http.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // Everything the pages load is served from here; KaTeX sets inline styles on the math it draws.
            if (!http.Request.Path.StartsWithSegments("/scalar") && !http.Request.Path.StartsWithSegments(HangfireDashboard.Path))
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(WebApp).Assembly, "Static"),
            RequestPath = "/static",
            OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapServiceApi();
        app.MapOpenApi().AllowAnonymous();
        // Aggregates only (queue lengths, latencies, verdict counts), scraped by Prometheus; the ingress need not route it.
        app.MapPrometheusScrapingEndpoint(ServiceApi.MetricsPath).AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Autograder API")).AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter(CookieCallersSendAntiforgery);
        api.MapStudentApi();
        api.MapStaffApi();
        api.MapInstructorApi();
        app.MapRazorPages();
        app.MapInstructorDashboard();
        return app;
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    /// <summary>A browser's cookie rides along on any request: API writes by a cookie caller carry the page's antiforgery token.</summary>
    private static async ValueTask<object?> CookieCallersSendAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            return ApiErrors.BadInput(AntiforgeryHeader, "is missing or invalid: send the page's antiforgery token in this header");
        return await next(context);
    }
}
