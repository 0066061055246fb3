using System.Reflection;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Telemetry;
using Autograder.Reports;
using Autograder.Sandbox;
using Autograder.Sandbox.Isolation;
using Microsoft.Extensions.Configuration;

namespace Autograder.Deploy.Tests.Support;

/// <summary>The environment variables the application reads, taken from its option types and constants (not written out by hand).</summary>
public static class KnownSettings
{
    /// <summary>Each configuration section with the type it binds to, as the Add&lt;Module&gt; extensions bind them.</summary>
    public static readonly IReadOnlyList<(string Section, Type Options)> Sections =
    [
        (JobSettings.Section, typeof(JobSettings)),
        (SandboxOptions.Section, typeof(SandboxOptions)),
        (ReportOptions.Section, typeof(ReportOptions)),
        (TelemetryOptions.Section, typeof(TelemetryOptions)),
    ];

    public const string Prefix = "AUTOGRADER_";
    public const string ConnectionString = "ConnectionStrings__Default";

    /// <summary>Standard variables of libraries the application uses (OpenTelemetry's exporter endpoint).</summary>
    public static readonly IReadOnlyList<string> Library = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL"];

    public static IReadOnlySet<string> Variables { get; } = Build();

    private static HashSet<string> Build()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { ConnectionString, ProblemBank.EnvironmentVariable, Database.DataEnvironmentVariable, TensorRunnerLocator.EnvironmentVariable };
        names.UnionWith(AutograderConfiguration.LegacyVariables);
        names.UnionWith(Library);
        foreach (var (section, type) in Sections)
            foreach (var property in Bindable(type)) names.Add($"{Prefix}{section}__{property.Name}");
        return names;
    }

    /// <summary>Properties the configuration binder sets: public, writable (set or init), of a type that configuration text converts to.</summary>
    public static IEnumerable<PropertyInfo> Bindable(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true } && !typeof(Delegate).IsAssignableFrom(p.PropertyType));

    /// <summary>
    /// Binds <paramref name="variables"/> (environment form) into every section's options as the application does, refusing
    /// names the options lack and values they cannot take; returns the failures, each naming the variable.
    /// </summary>
    public static IReadOnlyList<string> BindErrors(IReadOnlyDictionary<string, string> variables)
    {
        var errors = new List<string>();
        foreach (var name in variables.Keys.Where(n => !Variables.Contains(n))) errors.Add($"{name}: the application reads no such setting");
        var keys = variables.Where(v => v.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(v => v.Key[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
        foreach (var (section, type) in Sections)
        {
            try
            {
                configuration.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"{section}: {e.Message} {e.InnerException?.Message}");
            }
        }
        return errors;
    }
}
