using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ExpansionScoring.Benchmarks;

/// <summary>
/// Divides a batch benchmark's mean time or allocation by its <c>N</c> parameter, so a batch of 1,000,000
/// accounts and a single account read on the same per-account scale. Benchmarks in the
/// <see cref="Categories.Single"/> category score one account per operation and are shown as they are.
/// </summary>
public sealed class PerAccountColumn : IColumn
{
    private readonly bool time;

    private PerAccountColumn(bool time) => this.time = time;

    public static PerAccountColumn Time { get; } = new(time: true);

    public static PerAccountColumn Allocated { get; } = new(time: false);

    public string Id => time ? "TimePerAccount" : "AllocatedPerAccount";

    public string ColumnName => time ? "Time/account" : "Alloc/account";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => time ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => time
        ? "Mean time per account scored (Mean / N for batch benchmarks)"
        : "Bytes allocated per account scored (Allocated / N for batch benchmarks)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats)
        {
            return "NA";
        }

        double perOp = time ? stats.Mean : report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? double.NaN;
        double accounts = AccountsPerOperation(benchmarkCase);
        double value = perOp / accounts;
        return time
            ? value.ToString("N1", CultureInfo.InvariantCulture) + " ns"
            : value.ToString("N1", CultureInfo.InvariantCulture) + " B";
    }

    public override string ToString() => ColumnName;

    private static double AccountsPerOperation(BenchmarkCase benchmarkCase)
    {
        if (!benchmarkCase.Descriptor.HasCategory(Categories.Batch))
        {
            return 1;
        }

        foreach (var p in benchmarkCase.Parameters.Items)
        {
            if (p.Name == "N" && p.Value is int n and > 0)
            {
                return n;
            }
        }

        return 1;
    }
}

/// <summary>Benchmark categories; ratios are computed against the baseline of the same category.</summary>
public static class Categories
{
    public const string Single = "Single";
    public const string Batch = "Batch";
}
