namespace Autograder.Jobs.Telemetry;

/// <summary>Settings of metrics, traces and logs, bound from the configuration section <c>Telemetry</c> (environment: <c>AUTOGRADER_Telemetry__MetricsPort</c>, ...).</summary>
public sealed record TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The port of a worker's Prometheus <c>/metrics</c> listener; 0 serves none (the web host maps <c>/metrics</c> on its own port).</summary>
    public int MetricsPort { get; set; }

    /// <summary>Logs as one JSON object a line (for a log collector) instead of plain lines.</summary>
    public bool JsonLogs { get; set; }
}
