using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Isolation;
using Autograder.Sandbox.Questions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Autograder.Sandbox;

public static class SandboxSetup
{
    /// <summary>The settings as this process's environment gives them (<c>AUTOGRADER_Sandbox__*</c>), for the command line's offline grading.</summary>
    public static SandboxOptions OptionsFromEnvironment() =>
        new ConfigurationBuilder().AddEnvironmentVariables("AUTOGRADER_").Build().GetSection(SandboxOptions.Section).Get<SandboxOptions>() ?? new SandboxOptions();

    /// <summary>
    /// One <see cref="CodeGrader"/> per process (its warm pool of children starts with the first code submission), with
    /// <see cref="SandboxOptions"/> from configuration; a <see cref="ReferenceSolver"/> service, when registered, computes expected outputs.
    /// </summary>
    public static IHostApplicationBuilder AddAutograderSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.Section))
            .Validate(o => o.PoolSize >= 1, $"{SandboxOptions.Section}:PoolSize must be at least 1")
            .Validate(o => o.MaxMemoryMb >= 64, $"{SandboxOptions.Section}:MaxMemoryMb must be at least 64")
            .Validate(o => o.CpuSeconds >= 1, $"{SandboxOptions.Section}:CpuSeconds must be at least 1")
            .Validate(o => o.MaxProcesses >= 16, $"{SandboxOptions.Section}:MaxProcesses must be at least 16 (.NET itself needs about 15)")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new CodeGrader(sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetService<ReferenceSolver>()));
        builder.Services.AddSingleton(sp => new CodeParts(sp.GetRequiredService<Autograder.Core.Bank.ProblemBank>(), sp.GetRequiredService<CodeGrader>));
        return builder;
    }
}
