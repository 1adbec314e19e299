using ExpansionScoring.Calibration;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Calibration;

public class CalibratorTests
{
    private static readonly double[] TrueWeights = [0.30, 0.25, 0.15, 0.20, 0.10];

    /// <summary>Outcomes drawn from P(expand) = σ(k × (Σ wᵢ sᵢ/100 − 0.5)) with known weights.</summary>
    private static List<HistoricalOutcome> Synthetic(int n, double[] weights, double k, int seed)
    {
        var random = new Random(seed);
        var rows = new List<HistoricalOutcome>(n);
        for (int i = 0; i < n; i++)
        {
            double[] s = [.. Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 100)];
            double composite = s.Select((v, j) => v * weights[j]).Sum() / weights.Sum();
            double p = 1 / (1 + Math.Exp(-k * ((composite / 100) - 0.5)));
            rows.Add(new HistoricalOutcome
            {
                AccountId = $"acct-{i}",
                Composite = composite,
                Probability = 5 + (0.9 * composite),
                Signals = SignalValues.Of(s[0], s[1], s[2], s[3], s[4]),
                Expanded = random.NextDouble() < p,
            });
        }

        return rows;
    }

    [Fact]
    public void FitWeights_SyntheticHistoryFromKnownWeights_RecoversThemWithin005()
    {
        var history = Synthetic(20_000, TrueWeights, k: 12, seed: 42);

        var fit = Calibrator.FitWeights(history, l2: 1);

        Assert.True(fit.Converged);
        Assert.Equal(20_000, fit.Count);
        for (int j = 0; j < 5; j++)
        {
            double fitted = fit.Preset.WeightOf(SignalKey.BuiltIn[j]);
            Assert.True(Math.Abs(fitted - TrueWeights[j]) < 0.05, $"{SignalKey.BuiltIn[j]}: fitted {fitted:0.000}, true {TrueWeights[j]}");
        }

        Assert.Equal(1, fit.Preset.TotalWeight, 9);
        Assert.Equal("Fitted", fit.Preset.Name);
    }

    [Fact]
    public void FitWeights_EnterpriseLikeWeights_RecoversChampionAsHeaviest()
    {
        double[] enterprise = [0.15, 0.15, 0.15, 0.40, 0.15];
        var fit = Calibrator.FitWeights(Synthetic(20_000, enterprise, k: 12, seed: 3));
        var heaviest = fit.Preset.Weights.MaxBy(w => w.Value).Key;
        Assert.Equal(SignalKey.Champion, heaviest);
    }

    [Fact]
    public void FitWeights_RowsMissingASignal_AreSkippedAndCounted()
    {
        var history = Synthetic(2_000, TrueWeights, k: 12, seed: 5);
        history[0] = history[0] with { Signals = history[0].Signals.Without(SignalKey.Triggers) };
        var fit = Calibrator.FitWeights(history);
        Assert.Equal(1, fit.Skipped);
        Assert.Equal(1_999, fit.Count);
    }

    [Fact]
    public void FitWeights_OnlyOneKindOfOutcome_Throws()
    {
        var history = Synthetic(100, TrueWeights, k: 12, seed: 1).Select(r => r with { Expanded = true });
        Assert.Throws<ArgumentException>(() => Calibrator.FitWeights(history));
    }

    [Fact]
    public void FitProbabilityTransform_MiscalibratedHistory_LowersBrierAndStaysWithinBounds()
    {
        // True rate is σ(12 × (c/100 − 0.5)); the default linear transform is not calibrated to it.
        var history = Synthetic(10_000, TrueWeights, k: 12, seed: 11);

        var fit = Calibrator.FitProbabilityTransform(history);

        Assert.True(fit.Converged);
        Assert.True(fit.BrierAfter < fit.BrierBefore, $"Brier {fit.BrierAfter} should be below {fit.BrierBefore}");
        Assert.InRange(fit.Transform.Slope * 100, 10, 14);

        var model = new ScoringModelBuilder().UseProbabilityTransform(fit.Transform).Build();
        var low = model.Score(new Account { Id = "z", Arr = 1, Signals = SignalValues.Of(0, 0, 0, 0, 0) }, default);
        var high = model.Score(new Account { Id = "o", Arr = 1, Signals = SignalValues.Of(100, 100, 100, 100, 100) }, default);
        Assert.Equal(5, low.Probability, 9);
        Assert.Equal(95, high.Probability, 9);
    }

    [Fact]
    public void PlattProbabilityTransform_NegativeSlope_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new PlattProbabilityTransform(0, -1));

    [Fact]
    public void HistoricalOutcome_From_CarriesSnapshotValues()
    {
        var account = new Account { Id = "acme", Arr = 100, Signals = SignalValues.Of(80, 70, 60, 50, 40) };
        var scored = ScoringModel.Default.Explain(account, new DateOnly(2026, 1, 1));
        var outcome = HistoricalOutcome.From(scored, expanded: true, expansionDollars: 1_000);
        Assert.Equal(scored.Probability, outcome.Probability);
        Assert.Equal(scored.Composite, outcome.Composite);
        Assert.Equal(scored.Band, outcome.Band);
        Assert.Equal(70, outcome.Signals[SignalKey.Velocity]);
        Assert.Equal(1_000, outcome.ExpansionDollars);
    }

    [Fact]
    public void HistoricalOutcome_NegativeDollars_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new HistoricalOutcome { AccountId = "a", Probability = 50, Expanded = true, ExpansionDollars = -1 });
}
