using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using ExpansionScoring.Benchmarks.Data;
using ExpansionScoring.Benchmarks.Scoring;
using ExpansionScoring.Columnar;

namespace ExpansionScoring.Benchmarks.Columnar;

/// <summary>
/// The whole pipeline over one book of <see cref="N"/> accounts, every way we know to run it, in one class so every
/// figure is a ratio to the same baseline taken in the same run. The baseline is the floor: reading every input
/// column once and doing nothing else. Each benchmark scores the whole book per operation; Time/account divides by N.
/// </summary>
/// <remarks>
/// Targets (issue 7): <c>FusedBatch</c> ≤ 2.0× <c>Floor</c>; ≥ 60× faster than <c>Linq</c>; ≥ 30× faster than
/// <c>MlNetBatchTransform</c>; 0 B per account; <c>FusedRow</c> ≤ 10 ns per account.
/// </remarks>
public class ColumnarBenchmarks
{
    private ScoringModel model = null!;
    private DateOnly asOf;
    private SyntheticBook book = null!;
    private BookColumns columns = null!;
    private AccountRow[] rows = [];
    private double[] probability = [];
    private double[] opportunity = [];
    private ScoreOutcome[] outcome = [];
    private AccountScore[] general = [];
    private MlNetComposite mlNet = null!;

    [Params(1_000_000)]
    public int N { get; set; }

    [GlobalSetup(Targets = [nameof(Floor), nameof(FusedBatch), nameof(FusedBatchTwoCores), nameof(FusedRow)])]
    public void SetupColumns()
    {
        Setup(keepAccounts: false);
        EnsureFusedAgrees();
    }

    [GlobalSetup(Targets = [nameof(GeneralEngine), nameof(Linq)])]
    public void SetupAccounts() => Setup(keepAccounts: true);

    [GlobalSetup(Targets = [nameof(MlNetPredictionEngine), nameof(MlNetBatchTransform)])]
    public void SetupMlNet()
    {
        Setup(keepAccounts: false);
        var c = columns.Columns;
        mlNet = new MlNetComposite(c.PlanFit.ToArray(), c.Velocity.ToArray(), c.Engagement.ToArray(), c.Champion.ToArray(), c.Triggers.ToArray(), c.Arr.ToArray());
    }

    /// <summary>Reads every input column once (vectorised sums) and does nothing else: no account can be scored faster.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Batch)]
    public double Floor()
    {
        var c = columns.Columns;
        double sum = Sum(c.PlanFit) + Sum(c.Velocity) + Sum(c.Engagement) + Sum(c.Champion) + Sum(c.Triggers) + Sum(c.Arr)
            + Sum(c.SeatSaturation) + Sum(c.DaysToRenewal) + Sum(c.HealthScore) + Sum(c.OpenP1P2Tickets);
        return sum + SumInts(MemoryMarshal.Cast<Segment, int>(c.Segment)) + SumInts(MemoryMarshal.Cast<DateOnly, int>(c.ContractStart));
    }

    /// <summary>The fused kernel on one core: probability, opportunity and the packed outcome per account, plus the per-band and per-window sums.</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public BatchSummary FusedBatch()
        => model.ScoreBatch(columns.Columns, asOf, new ScoreColumns { Probability = probability, Opportunity = opportunity, Outcome = outcome });

    /// <summary>The same, split across two cores with merged sums.</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public BatchSummary FusedBatchTwoCores()
        => model.ScoreBatch(columns.Columns, asOf, new ScoreColumns { Probability = probability, Opportunity = opportunity, Outcome = outcome }, degreeOfParallelism: 2);

    /// <summary>The branch-free single-account path, called once per account.</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public double FusedRow()
    {
        double sum = 0;
        var m = model;
        var r = rows;
        for (int i = 0; i < r.Length; i++)
        {
            sum += m.ScoreRow(r[i], asOf).Opportunity;
        }

        return sum;
    }

    /// <summary>The general engine over <see cref="Account"/> records: the span batch <c>Score(accounts, asOf, results)</c>.</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public AccountScore[] GeneralEngine()
    {
        model.Score(book.Accounts, asOf, general);
        return general;
    }

    /// <summary>The afternoon version: dictionaries of signals and LINQ over the weights (see <see cref="NaiveScorer"/>).</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public List<NaiveScore> Linq() => NaiveScorer.ScoreAll(book.Naive, asOf);

    /// <summary>ML.NET: a linear model trained to reproduce the composite, one account at a time through a PredictionEngine.</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public double MlNetPredictionEngine() => mlNet.RunPredictionEngine();

    /// <summary>ML.NET: the same model over the whole book with a batch <c>Transform</c> and a cursor.</summary>
    [Benchmark]
    [BenchmarkCategory(Categories.Batch)]
    public double MlNetBatchTransform() => mlNet.RunBatchTransform();

    private static double Sum(ReadOnlySpan<double> span)
    {
        var acc = Vector512<double>.Zero;
        int i = 0;
        for (; i <= span.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            acc += Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)i);
        }

        double sum = Vector512.Sum(acc);
        for (; i < span.Length; i++)
        {
            sum += span[i];
        }

        return sum;
    }

    private static long SumInts(ReadOnlySpan<int> values)
    {
        var acc = Vector512<int>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector512<int>.Count; i += Vector512<int>.Count)
        {
            acc += Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)i);
        }

        long sum = Vector512.Sum(acc);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    private void Setup(bool keepAccounts)
    {
        model = ScoringModel.Default;
        asOf = SyntheticBook.AsOf;
        book = SyntheticBook.Create(N);
        columns = new BookColumns(book.Accounts, asOf);
        rows = keepAccounts ? [] : [.. Enumerable.Range(0, N).Select(columns.Row)];
        probability = new double[N];
        opportunity = new double[N];
        outcome = new ScoreOutcome[N];
        general = new AccountScore[N];
        if (!keepAccounts)
        {
            book = null!;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>The fused path must equal the general engine on every account of the book, or its figures mean nothing.</summary>
    private void EnsureFusedAgrees()
    {
        var accounts = SyntheticBook.Create(N).Accounts;
        FusedBatch();
        for (int i = 0; i < N; i++)
        {
            var e = model.Score(accounts[i], asOf);
            var o = outcome[i];
            if (e.BandIndex != o.BandIndex || e.Offer != o.Offer || e.Window != o.Window || e.GatesBlocked != o.GatesBlocked
                || Math.Abs(e.Probability - probability[i]) > 1e-9 || Math.Abs(e.Opportunity - opportunity[i]) > 1e-9 * Math.Max(1, e.Opportunity))
            {
                throw new InvalidOperationException($"Account {i}: the fused path gave {o} p={probability[i]} ${opportunity[i]}, the engine {e.Band.Name} {e.Offer} {e.Window} p={e.Probability} ${e.Opportunity}.");
            }
        }

        if (model.BatchPath != ScoringPath.Kernel)
        {
            throw new InvalidOperationException($"Expected the batch kernel, got {model.BatchPath}.");
        }
    }
}
