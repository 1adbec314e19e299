using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;

namespace ExpansionScoring.Benchmarks;

/// <summary>
/// The config every benchmark runs with: the defaults plus the memory diagnoser, ratios shown as
/// "N.NNx faster/slower" against the baseline in the same class, and per-account columns for batch benchmarks.
/// Command-line options such as <c>--job short</c> are merged on top of it.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(CategoriesColumn.Default);
        AddColumn(PerAccountColumn.Time, PerAccountColumn.Allocated);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
