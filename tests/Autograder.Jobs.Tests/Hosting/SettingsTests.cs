using Autograder.Jobs.Hosting;
using Autograder.Jobs.Tests.Support;
using Autograder.Sandbox.Isolation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Autograder.Jobs.Tests.Hosting;

public sealed class SettingsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Validation and binding come before any connection is opened, so no server is needed here.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = "Host=127.0.0.1;Port=1;Database=none" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAutograderJobs(CourseScenario.SharedBank.Value);
        return builder.Build();
    }

    [Fact]
    public void Worker_ReadsItsSandboxAndJobSettings_FromConfiguration()
    {
        using var host = Build(new() { ["Sandbox:PoolSize"] = "5", ["Sandbox:MaxMemoryMb"] = "256", ["Jobs:QueuePollInterval"] = "00:00:00.050" });

        Assert.Equal(5, host.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.PoolSize);
        Assert.Equal(256, host.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.MaxMemoryMb);
        Assert.Equal(TimeSpan.FromMilliseconds(50), host.Services.GetRequiredService<JobSettings>().QueuePollInterval);
    }

    [Theory]
    [InlineData("Sandbox:PoolSize", "0")]
    [InlineData("Jobs:QueuePollInterval", "00:00:00")]
    [InlineData("Jobs:InvisibilityTimeout", "00:00:01")]
    public async Task Start_FailsWithAMessageNamingTheSetting_WhenASettingIsOutOfRange(string key, string value)
    {
        using var host = Build(new() { [key] = value });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAutograderJobs_NamesTheConnectionString_WhenNoneIsConfigured()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var e = Assert.Throws<OptionsValidationException>(() => builder.AddAutograderJobs(CourseScenario.SharedBank.Value));

        Assert.Contains("ConnectionStrings:Default", e.Message, StringComparison.Ordinal);
    }
}
