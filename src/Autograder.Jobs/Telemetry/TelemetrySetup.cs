using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Autograder.Jobs.Telemetry;

public static class TelemetrySetup
{
    /// <summary>
    /// OpenTelemetry metrics (the service's own, Npgsql's, ASP.NET Core's and the runtime's) and traces (job runs, each in
    /// the trace of whoever queued it, and Npgsql's commands; a web host adds its requests), exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; JSON console logs when <c>Telemetry:JsonLogs</c> is true. <paramref name="serveMetrics"/>: a worker's own Prometheus listener on
    /// <c>Telemetry:MetricsPort</c> (a web host maps <c>/metrics</c> on its own port instead).
    /// </summary>
    public static IHostApplicationBuilder AddAutograderTelemetry(this IHostApplicationBuilder builder, bool serveMetrics = false)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => o.MetricsPort is >= 0 and <= 65535, $"{TelemetryOptions.Section}:MetricsPort must be a port (1 to 65535), or 0 for none")
            .ValidateOnStart();
        // Levels by category from the standard section (Logging:LogLevel:Default, AUTOGRADER_Logging__LogLevel__Hangfire, ...).
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (options.JsonLogs)
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("autograder", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AutograderMetrics.MeterName, "Npgsql", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                    // Created with the provider, so the queue gauge is there from the first scrape.
                    .AddInstrumentation(sp => sp.GetRequiredService<AutograderMetrics>());
                if (serveMetrics && options.MetricsPort > 0)
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Port = options.MetricsPort;
                        // Every interface: Prometheus scrapes the pod's or machine's address, not loopback.
                        o.ConfigureHttpListener = static (o, listener) =>
                        {
                            listener.Prefixes.Clear();
                            listener.Prefixes.Add($"http://+:{o.Port}{o.ScrapeEndpointPath}/");
                        };
                    });
            })
            // A web host adds ASP.NET Core's request spans to the same provider (Autograder.Web's WebApp).
            .WithTracing(tracing => tracing.AddSource(AutograderMetrics.Jobs.Name).AddNpgsql());
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return builder;
    }
}
