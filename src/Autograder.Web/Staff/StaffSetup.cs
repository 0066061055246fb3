using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Autograder.Web.Staff;

/// <summary>The services of the TA and instructor pages.</summary>
public static class StaffSetup
{
    public static IServiceCollection AddAutograderStaff(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<GradingQueue>();
        services.AddScoped<PartGrading>();
        services.AddScoped<ExamAdmin>();
        services.AddScoped<CanvasExport>();
        services.AddScoped<CourseStatistics>();
        services.AddScoped<RubricEditor>();
        return services;
    }
}
