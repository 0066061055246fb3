using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Autograder.Reports;

/// <summary>Settings of the PDF documents, bound from the configuration section <c>Reports</c>.</summary>
public sealed record ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The course name printed when a document is made outside any course (the command line's offline reports).</summary>
    public string DefaultCourse { get; set; } = "Deep Neural Networks";
}

public static class ReportsSetup
{
    public static IHostApplicationBuilder AddAutograderReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection(ReportOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultCourse), $"{ReportOptions.Section}:DefaultCourse must not be empty")
            .ValidateOnStart();
        return builder;
    }
}
