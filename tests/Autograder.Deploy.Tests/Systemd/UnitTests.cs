using System.Text.RegularExpressions;
using Autograder.Deploy.Tests.Support;
using Autograder.Jobs.Hosting;

namespace Autograder.Deploy.Tests.Systemd;

/// <summary>The plain-machine units and their environment files name only settings, queues and commands the application has.</summary>
public sealed partial class UnitTests
{
    private static string Folder => Repository.PathOf("deploy", "systemd");

    [Fact]
    public void EnvironmentFiles_NameOnlySettingsTheApplicationReads()
    {
        var files = Directory.EnumerateFiles(Folder, "*.env").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var variables = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2))
                .Where(kv => kv[0] != "WORKERS").ToDictionary(kv => kv[0], kv => kv[1]);
            Assert.Empty(KnownSettings.BindErrors(variables).Select(e => $"{Path.GetFileName(file)}: {e}"));
        }
    }

    [Fact]
    public void Workers_OneEnvironmentFilePerQueue_WithADistinctMetricsPort()
    {
        var ports = new HashSet<string>();
        foreach (var queue in Queues.All)
        {
            var text = File.ReadAllText(Path.Combine(Folder, $"worker-{queue}.env"));
            Assert.Matches(@"(?m)^WORKERS=[1-9]\d*$", text);
            Assert.True(ports.Add(MetricsPort().Match(text).Groups[1].Value), $"worker-{queue}.env: its metrics port is taken");
        }
        var unit = File.ReadAllText(Path.Combine(Folder, "autograder-worker@.service"));
        Assert.Contains("worker --queues %i --workers ${WORKERS}", unit, StringComparison.Ordinal);
        Assert.Contains("KillSignal=SIGTERM", unit, StringComparison.Ordinal);
        Assert.True(int.Parse(StopTimeout().Match(unit).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 40);
    }

    [Fact]
    public void Units_RunTheCommandsOfTheApplication()
    {
        Assert.Contains("autograder.dll web --urls", File.ReadAllText(Path.Combine(Folder, "autograder-web.service")), StringComparison.Ordinal);
        Assert.Contains("autograder.dll migrate", File.ReadAllText(Path.Combine(Folder, "autograder-migrate.service")), StringComparison.Ordinal);
        foreach (var unit in Directory.EnumerateFiles(Folder, "*.service").Where(f => !f.EndsWith("migrate.service", StringComparison.Ordinal)))
            Assert.Contains("After=network-online.target autograder-migrate.service", File.ReadAllText(unit), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^AUTOGRADER_Telemetry__MetricsPort=(\d+)$")]
    private static partial Regex MetricsPort();

    [GeneratedRegex(@"(?m)^TimeoutStopSec=(\d+)$")]
    private static partial Regex StopTimeout();
}
