using ExpansionScoring.Calibration;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Calibration;

public class BacktestTests
{
    [Fact]
    public void Auc_PerfectRanking_IsOne()
    {
        double[] scores = [10, 20, 30, 40, 50, 60];
        bool[] outcomes = [false, false, false, true, true, true];
        Assert.Equal(1.0, Backtest.Auc(scores, outcomes), 12);
    }

    [Fact]
    public void Auc_ReversedRanking_IsZero()
    {
        double[] scores = [10, 20, 30, 40, 50, 60];
        bool[] outcomes = [true, true, true, false, false, false];
        Assert.Equal(0.0, Backtest.Auc(scores, outcomes), 12);
    }

    [Fact]
    public void Auc_AllScoresTied_IsOneHalf()
    {
        double[] scores = [50, 50, 50, 50];
        bool[] outcomes = [true, false, true, false];
        Assert.Equal(0.5, Backtest.Auc(scores, outcomes), 12);
    }

    [Fact]
    public void Auc_HandComputedPairs_MatchesPairCount()
    {
        // Positives {30, 10}, negatives {20, 5}: pairs won (30>20, 30>5, 10>5) = 3 of 4.
        double[] scores = [30, 10, 20, 5];
        bool[] outcomes = [true, true, false, false];
        Assert.Equal(0.75, Backtest.Auc(scores, outcomes), 12);
    }

    [Fact]
    public void Auc_OnlyOneKindOfOutcome_IsNaN()
        => Assert.True(double.IsNaN(Backtest.Auc([1.0, 2.0], [true, true])));

    [Fact]
    public void Auc_SpansOfDifferentLength_Throws()
        => Assert.Throws<ArgumentException>(() => Backtest.Auc([1.0, 2.0], [true]));

    [Fact]
    public void BrierScore_HandComputed_MatchesMeanSquaredError()
    {
        // (0.8-1)² + (0.3-0)² = 0.04 + 0.09 → mean 0.065
        Assert.Equal(0.065, Backtest.BrierScore([0.8, 0.3], [true, false]), 12);
    }

    [Fact]
    public void BrierScore_Empty_Throws()
        => Assert.Throws<ArgumentException>(() => Backtest.BrierScore([], []));

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool BrierScore_AnyInput_IsWithinZeroAndOne(Outcomes sample)
    {
        double brier = Backtest.BrierScore(sample.Probabilities, sample.Expanded);
        return brier is >= 0 and <= 1;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Auc_AnyInput_IsWithinZeroAndOneOrNaN(Outcomes sample)
    {
        double auc = Backtest.Auc(sample.Probabilities, sample.Expanded);
        return double.IsNaN(auc) || auc is >= 0 and <= 1;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Auc_NegatedScores_IsOneMinus(Outcomes sample)
    {
        double auc = Backtest.Auc(sample.Probabilities, sample.Expanded);
        double reversed = Backtest.Auc(sample.Probabilities.Select(p => -p).ToArray(), sample.Expanded);
        return double.IsNaN(auc) ? double.IsNaN(reversed) : Math.Abs(auc + reversed - 1) < 1e-9;
    }

    [Fact]
    public void PopulationStabilityIndex_IdenticalSamples_IsZero()
    {
        double[] sample = [.. Enumerable.Range(0, 500).Select(i => i % 100 + 0.5)];
        Assert.Equal(0, Backtest.PopulationStabilityIndex(sample, sample), 12);
    }

    [Fact]
    public void PopulationStabilityIndex_GrowingShift_Grows()
    {
        var random = new Random(7);
        double[] baseline = [.. Enumerable.Range(0, 5000).Select(_ => Math.Clamp(40 + (random.NextDouble() * 30), 0, 100))];
        double previous = 0;
        foreach (double shift in new[] { 5.0, 10, 20, 40 })
        {
            double[] shifted = [.. baseline.Select(v => Math.Clamp(v + shift, 0, 100))];
            double psi = Backtest.PopulationStabilityIndex(baseline, shifted);
            Assert.True(psi > previous, $"PSI {psi} at shift {shift} should exceed {previous}");
            previous = psi;
        }
    }

    [Fact]
    public void PopulationStabilityIndex_TooFewBins_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Backtest.PopulationStabilityIndex([1.0], [1.0], bins: 1));

    [Fact]
    public void Drift_SignalShiftedInLaterSnapshot_ReportsItFirst()
    {
        var earlier = Enumerable.Range(0, 200).Select(i => SignalValues.Of(planFit: i % 100, velocity: i % 100)).ToList();
        var later = Enumerable.Range(0, 200).Select(i => SignalValues.Of(planFit: i % 100, velocity: Math.Min(100, (i % 100) + 45))).ToList();
        var drift = Backtest.Drift(earlier, later);
        Assert.Equal("Velocity", drift[0].Signal);
        Assert.True(drift[0].Psi > 0.25);
        Assert.Equal(0, drift.Single(d => d.Signal == "PlanFit").Psi, 12);
        Assert.Equal(200, drift[0].EarlierCount);
    }

    [Fact]
    public void Evaluate_HandComputedBook_ReportsBandsLiftAndReliability()
    {
        HistoricalOutcome Row(string id, double p, string band, bool won, double dollars = 0)
            => new() { AccountId = id, Probability = p, Composite = (p - 5) / 0.9, Band = band, Expanded = won, ExpansionDollars = dollars };
        var history = new[]
        {
            Row("a", 90, "Hot", true, 30_000), Row("b", 80, "Hot", true, 10_000), Row("c", 78, "Hot", false),
            Row("d", 60, "Warm", true, 5_000), Row("e", 55, "Warm", false),
            Row("f", 30, "Watch", false), Row("g", 20, "Cold", false), Row("h", 10, "Cold", false),
        };

        var report = Backtest.Evaluate(history);

        Assert.Equal(8, report.Count);
        Assert.Equal(3, report.Expanded);
        Assert.Equal(37.5, report.BaseRate, 9);
        var hot = report.Bands.Single(b => b.Band == "Hot");
        Assert.Equal(3, hot.Count);
        Assert.Equal(2, hot.Wins);
        Assert.Equal(40_000, hot.Dollars);
        Assert.Equal(200.0 / 3 / 37.5, report.TopBandLift, 9);
        Assert.Equal("Hot", report.Bands[0].Band);
        Assert.Equal(8, report.Reliability.Sum(b => b.Count));
        Assert.True(report.Auc > 0.9);
    }

    [Fact]
    public void Evaluate_EmptyHistory_Throws()
        => Assert.Throws<ArgumentException>(() => Backtest.Evaluate([]));

    [Fact]
    public void Evaluate_NullHistory_Throws()
        => Assert.Throws<ArgumentNullException>(() => Backtest.Evaluate(null!));

    public sealed record Outcomes(double[] Probabilities, bool[] Expanded);

    public static class Arbitraries
    {
        public static Arbitrary<Outcomes> Outcomes() =>
            Gen.Choose(1, 60)
               .SelectMany(n => Gen.Zip(
                   Gen.ArrayOf(Gen.Choose(0, 1000).Select(i => i / 1000.0), n),
                   Gen.ArrayOf(Gen.Elements(true, false), n)))
               .Select(t => new Outcomes(t.Item1, t.Item2))
               .ToArbitrary();
    }
}
