using ExpansionScoring.Columnar;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>
/// Options the model compiles once and every account then follows: data scorers, signal ages, custom weights, the
/// window bands, and the batch path the default model gets.
/// </summary>
public class ScoringModelOptionsRuleTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    [Fact]
    public void DataScorer_DerivesItsSignalFromTheAccountsMetric()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Signals = ["Nps"],
            Scorers = [new MetricScorerOptions { Signal = "Nps", Metric = "nps", Kind = MetricScorerKind.Linear, InputMin = 0, InputMax = 10 }],
        });
        var account = TestData.Uniform(50) with { Metrics = new Dictionary<string, double> { ["nps"] = 7 } };

        var nps = model.Explain(account, AsOf).Signals.Single(s => s.Signal == "Nps");

        Assert.Equal(70, nps.Value);
        Assert.Equal(SignalSource.Derived, nps.Source);
        Assert.Null(model.Explain(TestData.Uniform(50), AsOf).Signals.Single(s => s.Signal == "Nps").Value);
    }

    [Fact]
    public void DataScorers_Null_MeansNone()
    {
        // As a configuration file's "Scorers": null binds.
        var model = ScoringModel.Create(new ExpansionScoringOptions { Scorers = null! });

        Assert.Equal(ScoringModel.Default.Score(TestData.Uniform(70), AsOf).Probability, model.Score(TestData.Uniform(70), AsOf).Probability);
    }

    [Fact]
    public void WithoutAMaximumAge_AnOldObservationStillCounts()
    {
        var account = TestData.Uniform(80) with { Signals = SignalValues.Of(null, 80, 80, 80, 80).With(SignalKey.PlanFit, 20, AsOf.AddDays(-400)) };

        var planFit = ScoringModel.Default.Explain(account, AsOf).Signals.Single(s => s.Signal == "PlanFit");

        Assert.Equal(20, planFit.Value);
        Assert.Equal(0, ScoringModel.Default.Score(account, AsOf).MissingSignalCount);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void MaximumAgeZero_OnlyTodaysObservationCounts(int daysAgo, bool present)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MaxSignalAgeDays = 0 });
        var account = TestData.Uniform(80) with { Signals = SignalValues.Of(null, 80, 80, 80, 80).With(SignalKey.PlanFit, 20, AsOf.AddDays(-daysAgo)) };

        Assert.Equal(present ? 0 : 1, model.Score(account, AsOf).MissingSignalCount);
        Assert.Equal(present ? 20 : null, model.Explain(account, AsOf).Signals.Single(s => s.Signal == "PlanFit").Value);
    }

    [Fact]
    public void CustomWeights_AreReportedAsSharesOfTheirTotal()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Weights = new() { ["PlanFit"] = 1, ["Velocity"] = 1, ["Engagement"] = 1, ["Champion"] = 1, ["Triggers"] = 4 },
        });

        var explained = model.Explain(TestData.Account(planFit: 40, velocity: 40, engagement: 40, champion: 40, triggers: 80), AsOf);

        Assert.Equal([0.125, 0.125, 0.125, 0.125, 0.5], explained.Signals.Select(s => s.Weight));
        TestData.Close(60, explained.Composite);
    }

    [Fact]
    public void NowBands_Configured_ReplaceHot()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Windows = new WindowOptions { NowBands = ["Warm"] } });
        var warm = TestData.Uniform(60); // probability 59: Warm, Triggers 60
        var hot = TestData.Uniform(80); // probability 77: Hot, Triggers 80

        Assert.Equal("Warm", model.Score(warm, AsOf).Band.Name);
        Assert.Equal(PitchWindow.Now, model.Score(warm, AsOf).Window);
        Assert.Equal(PitchWindow.Next30Days, ScoringModel.Default.Score(warm, AsOf).Window);
        Assert.Equal(PitchWindow.Next30Days, model.Score(hot, AsOf).Window);
        Assert.Equal(PitchWindow.Now, ScoringModel.Default.Score(hot, AsOf).Window);
    }

    [Fact]
    public void Next30Bands_Configured_ReplaceHotAndWarm()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Windows = new WindowOptions { Next30Bands = ["Hot"] } });
        var warm = TestData.Uniform(60);

        Assert.Equal(PitchWindow.Nurture, model.Score(warm, AsOf).Window);
        Assert.Equal(PitchWindow.Next30Days, ScoringModel.Default.Score(warm, AsOf).Window);
    }

    [Fact]
    public void DefaultModel_HasTheBatchPath()
    {
        // The default rules, signals and linear transform are all the batch kernel supports.
        Assert.Null(ScoringModel.Default.BatchPathFallbackReason);
        Assert.NotEqual(ScoringPath.General, ScoringModel.Default.BatchPath);
    }

    [Fact]
    public void CodeRule_ReadingASignalTheModelDoesNotHave_SeesItMissing()
    {
        // "MutForeign" is registered before "MutOwn", so its id lies inside the model's id table without being one of
        // the model's signals: it must read as missing, not as another slot's value.
        var foreign = SignalKey.Of("MutForeign");
        var model = new ScoringModelBuilder()
            .Configure(o => o.Signals = ["MutOwn"])
            .AddOfferRule(new MissingSignalRule(foreign), priority: 0)
            .Build();

        Assert.Equal("ForeignIsMissing", model.Score(TestData.Uniform(80), AsOf).OfferRule);
    }

    [Theory]
    [InlineData(-1e-9, "Hot")] // exactly at the threshold minus the epsilon: still in
    [InlineData(-2e-9, "Warm")]
    [InlineData(0, "Hot")]
    public void BandThreshold_HoldsWithinItsEpsilon(double offset, string band)
    {
        // The identity transform makes the probability the composite exactly: 75 + offset.
        var score = TestData.IdentityModel().Score(TestData.Uniform(75 + offset), AsOf);

        Assert.Equal(75 + offset, score.Probability);
        Assert.Equal(band, score.Band.Name);
    }

    private sealed class MissingSignalRule(SignalKey key) : IOfferRule
    {
        public string Name => "ForeignIsMissing";

        public OfferKind Offer => OfferKind.AddOn;

        public bool Matches(in OfferRuleArguments arguments) => double.IsNaN(arguments.Signal(key));

        public string Explain(in OfferRuleArguments arguments) => Name;
    }
}
