using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Autograder.Benchmarks;

/// <summary>Throughput beside BenchmarkDotNet's time per part: 1 s divided by the mean time of one operation (one part).</summary>
internal sealed class PartsPerSecondColumn : IColumn
{
    public string Id => nameof(PartsPerSecondColumn);
    public string ColumnName => "Parts/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Parts solved and graded per second on one core (1 s / Mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
            ? (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

internal sealed class PartsPerSecondConfig : ManualConfig
{
    public PartsPerSecondConfig() => AddColumn(new PartsPerSecondColumn());
}
