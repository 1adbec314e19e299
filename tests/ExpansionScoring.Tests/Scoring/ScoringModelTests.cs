using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>ScoringModel: the composite (SPEC §3), the worked example, argument validation and batch scoring.</summary>
public partial class ScoringModelTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Score_SpecWorkedExample_Tier72On96kIs31104()
    {
        // 0.72 × 96,000 × 0.45 = 31,104 (SPEC §6).
        var account = TestData.Uniform(TestData.CompositeFor(72), arr: 96_000);
        var score = Model.Score(account, TestData.AsOf);
        Assert.Equal(72, score.Probability, 9);
        Assert.Equal("Warm", score.Band.Name);
        Assert.Equal(OfferKind.Tier, score.Offer);
        Assert.Equal(31_104, score.Opportunity, 6);
    }

    [Fact]
    public void Explain_DemoBookAccounts_MatchReferenceCalculator()
    {
        // SPEC §11 demo book, per account (ARR chosen so the rounded figures and the Hot ARR of 276K agree).
        // Acme Corp: Seats, probability 84, seats at 92 % with velocity 90, 30K.
        double rest = (TestData.CompositeFor(84) - ((0.30 * 92) + (0.25 * 90))) / 0.45;
        var acme = TestData.Account(92, 90, rest, rest, rest, arr: 180_000) with { Name = "Acme Corp", SeatSaturation = 0.92 };
        // Volt Industries: Seats, probability 76, 92 % with velocity 88, 15K.
        rest = (TestData.CompositeFor(76) - ((0.30 * 92) + (0.25 * 88))) / 0.45;
        var volt = TestData.Account(92, 88, rest, rest, rest, arr: 96_000) with { Name = "Volt Industries", SeatSaturation = 0.92 };
        // Helix BioTech: Tier Pro → Enterprise, probability 47, engagement 40, velocity 50, 13K.
        rest = (TestData.CompositeFor(47) - ((0.25 * 50) + (0.15 * 40))) / 0.60;
        var helix = TestData.Account(rest, 50, 40, rest, rest, arr: 62_000) with { Name = "Helix BioTech", Plan = "Pro" };

        var a = Model.Explain(acme, TestData.AsOf);
        Assert.Equal((84.0, "Hot", OfferKind.Seats, 30.0), (Math.Round(a.Probability, 9), a.Band, a.Offer, Math.Round(a.Opportunity / 1000)));
        Assert.Equal("Seats at 92 % of plan ceiling with usage velocity 90/100 — capacity upsell", a.Rationale);

        var v = Model.Explain(volt, TestData.AsOf);
        Assert.Equal((76.0, "Hot", OfferKind.Seats, 15.0), (Math.Round(v.Probability, 9), v.Band, v.Offer, Math.Round(v.Opportunity / 1000)));
        Assert.Equal("Seats at 92 % of plan ceiling with usage velocity 88/100 — capacity upsell", v.Rationale);

        var h = Model.Explain(helix, TestData.AsOf);
        Assert.Equal((47.0, "Watch", OfferKind.Tier, 13.0), (Math.Round(h.Probability, 9), h.Band, h.Offer, Math.Round(h.Opportunity / 1000)));
        Assert.Equal("Upgrade Pro → Enterprise", h.OfferLabel);
        Assert.Equal(276_000, acme.Arr + volt.Arr);
    }

    [Fact]
    public void Score_AllFiveSignals_CompositeIsWeightedAverage()
    {
        // 0.30×80 + 0.25×60 + 0.15×40 + 0.20×90 + 0.10×20 = 65
        var score = Model.Score(TestData.Account(80, 60, 40, 90, 20), TestData.AsOf);
        Assert.Equal(65, score.Composite, 9);
        Assert.Equal(63.5, score.Probability, 9);
        Assert.Same(WeightPreset.MidMarketBalanced, score.Preset);
    }

    [Fact]
    public void Score_MissingSignals_WeightsRenormalisedOverPresentOnes()
    {
        // Only PlanFit 100 (0.30) and Velocity 0 (0.25): 30 / 0.55.
        var score = Model.Score(TestData.Account(planFit: 100, velocity: 0), TestData.AsOf);
        Assert.Equal(100 * 0.30 / 0.55, score.Composite, 9);
        Assert.Equal(3, score.MissingSignalCount);
    }

    [Fact]
    public void Score_OneSignalOnly_CompositeIsThatSignal()
    {
        Assert.Equal(42, Model.Score(TestData.Account(champion: 42), TestData.AsOf).Composite, 9);
    }

    [Fact]
    public void Score_TreatAsZeroPolicy_MissingCountsAsZeroWithFullWeight()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MissingSignals = MissingSignalPolicy.TreatAsZero });
        var score = model.Score(TestData.Account(planFit: 100, velocity: 0), TestData.AsOf);
        Assert.Equal(30, score.Composite, 9);
        Assert.Equal(32, score.Probability, 9);
        Assert.Equal(MissingSignalPolicy.TreatAsZero, model.MissingSignalPolicy);
    }

    [Fact]
    public void Score_ZeroWeightedSignal_IgnoredAndNotMissing()
    {
        var preset = WeightPreset.Create("NoTriggers", [new KeyValuePair<string, double>("PlanFit", 1), new KeyValuePair<string, double>("Triggers", 0)]);
        var model = new ScoringModelBuilder().UsePreset(preset).Build();
        var score = model.Score(TestData.Account(planFit: 60, velocity: 100), TestData.AsOf);
        Assert.Equal(60, score.Composite, 9);
        Assert.Equal(Confidence.High, score.Confidence);
        Assert.Equal(0, score.MissingSignalCount);
    }

    [Fact]
    public void Score_PerSegmentPresets_EachSegmentUsesItsOwn()
    {
        var model = new ScoringModelBuilder()
            .UsePreset(Segment.Enterprise, WeightPreset.Enterprise)
            .UsePreset(Segment.SMB, WeightPreset.SmbSeatHeavy)
            .Build();

        // Champion 100, all else 0: composite = the Champion weight of the segment's preset × 100.
        static Account ChampionOnly(Segment s) => TestData.Account(0, 0, 0, 100, 0, s);
        Assert.Equal(40, model.Score(ChampionOnly(Segment.Enterprise), TestData.AsOf).Composite, 9);
        Assert.Equal(10, model.Score(ChampionOnly(Segment.SMB), TestData.AsOf).Composite, 9);
        Assert.Equal(20, model.Score(ChampionOnly(Segment.MidMarket), TestData.AsOf).Composite, 9);
        Assert.Same(WeightPreset.Enterprise, model.PresetFor(Segment.Enterprise));
        Assert.Same(WeightPreset.MidMarketBalanced, model.PresetFor(Segment.MidMarket));
    }

    [Fact]
    public void Score_PerSegmentPresetsFromOptions_CustomAndBuiltIn()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Preset = "ProductLed",
            Presets = { ["ChampionOnly"] = new() { ["Champion"] = 1 } },
            SegmentPresets = { [Segment.Enterprise] = "ChampionOnly", [Segment.SMB] = "smbseatheavy" },
        });
        Assert.Equal(100, model.Score(TestData.Account(0, 0, 0, 100, 0, Segment.Enterprise), TestData.AsOf).Composite, 9);
        Assert.Equal(40, model.Score(TestData.Account(100, 0, 0, 0, 0, Segment.SMB), TestData.AsOf).Composite, 9);
        Assert.Equal(35, model.Score(TestData.Account(100, 0, 0, 0, 0, Segment.MidMarket), TestData.AsOf).Composite, 9);
        Assert.Equal("ChampionOnly", model.PresetFor(Segment.Enterprise).Name);
    }

    [Fact]
    public void Score_WeightsInOptions_OverridePreset()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Weights = new() { ["PlanFit"] = 1, ["Velocity"] = 3 } });
        Assert.Equal(25, model.Score(TestData.Account(100, 0, 100, 100, 100), TestData.AsOf).Composite, 9);
    }

    [Fact]
    public void Score_CustomSignalSuppliedDirectly_WeightedInCustomPreset()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Signals = ["HealthIndex"],
            Weights = new() { ["PlanFit"] = 1, ["HealthIndex"] = 1 },
        });
        var account = new Account { Id = "a", Signals = SignalValues.Of(planFit: 40).With(SignalKey.Of("HealthIndex"), 80) };
        Assert.Equal(60, model.Score(account, TestData.AsOf).Composite, 9);
        Assert.Contains(SignalKey.Of("healthindex"), model.Signals);

        var missing = model.Explain(new Account { Id = "b", Signals = SignalValues.Of(planFit: 40) }, TestData.AsOf);
        Assert.Equal(["HealthIndex"], missing.MissingSignals);
        Assert.Equal("not supplied and no scorer derives it", missing.Signals.Single(s => s.Signal == "HealthIndex").MissingReason);
    }

    // ---- Argument validation ----

    [Fact]
    public void Score_NullAccount_Throws()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Model.Score((Account)null!, TestData.AsOf));
        Assert.Equal("account", ex.ParamName);
    }

    [Fact]
    public void Explain_NullAccount_Throws()
    {
        Assert.Equal("account", Assert.Throws<ArgumentNullException>(() => Model.Explain(null!, TestData.AsOf)).ParamName);
    }

    [Fact]
    public void Score_NullSequence_ThrowsEagerly()
    {
        Assert.Equal("accounts", Assert.Throws<ArgumentNullException>(() => Model.Score((IEnumerable<Account>)null!, TestData.AsOf)).ParamName);
    }

    [Fact]
    public void Score_ResultsSpanTooShort_Throws()
    {
        Account[] accounts = [TestData.Uniform(10), TestData.Uniform(20)];
        var results = new AccountScore[1];
        var ex = Assert.Throws<ArgumentException>(() => Model.Score(accounts, TestData.AsOf, results));
        Assert.Equal("results", ex.ParamName);
    }

    [Fact]
    public void Score_NullAccountInBatch_Throws()
    {
        Account[] accounts = [TestData.Uniform(10), null!];
        var results = new AccountScore[2];
        Assert.Equal("accounts", Assert.Throws<ArgumentNullException>(() => Model.Score(accounts, TestData.AsOf, results)).ParamName);
    }

    [Fact]
    public void PresetFor_UndefinedSegment_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.PresetFor((Segment)5));
    }

    [Fact]
    public void Create_NullOptions_UsesSpecDefaults()
    {
        var model = ScoringModel.Create(null);
        var account = TestData.Account(80, 60, 40, 90, 20);
        var expected = Model.Score(account, TestData.AsOf);
        var actual = model.Score(account, TestData.AsOf);
        Assert.Equal(expected.Composite, actual.Composite);
        Assert.Equal(expected.Probability, actual.Probability);
        Assert.Equal(expected.Band.Name, actual.Band.Name);
        Assert.Equal(expected.Offer, actual.Offer);
        Assert.Equal(expected.Window, actual.Window);
        Assert.Same(WeightPreset.MidMarketBalanced, actual.Preset);
    }

    // ---- Batch ----

    [Fact]
    public void Score_Batch_ResultsInOrderAndLongerSpanUntouched()
    {
        Account[] accounts = [TestData.Uniform(10), TestData.Uniform(90), TestData.Uniform(50)];
        var results = new AccountScore[4];
        Model.Score(accounts, TestData.AsOf, results);
        for (int i = 0; i < accounts.Length; i++)
        {
            Assert.Equal(Model.Score(accounts[i], TestData.AsOf), results[i]);
        }

        Assert.Equal(default, results[3]);
    }

    [Fact]
    public void Score_Sequence_MatchesOneByOne()
    {
        Account[] accounts = [TestData.Uniform(10), TestData.Uniform(90)];
        Assert.Equal(accounts.Select(a => Model.Score(a, TestData.AsOf)), Model.Score(accounts, TestData.AsOf));
    }
}
