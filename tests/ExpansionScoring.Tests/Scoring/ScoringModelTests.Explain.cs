using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>SPEC §9: explanations and data quality.</summary>
public partial class ScoringModelTests
{
    [Fact]
    public void Explain_Contributions_SumToComposite()
    {
        var explained = Model.Explain(TestData.Account(80, 60, 40, 90, 20), TestData.AsOf);
        Assert.Equal(65, explained.Composite, 9);
        Assert.Equal(explained.Composite, explained.Signals.Sum(s => s.Contribution), 9);
        Assert.Equal(1, explained.Signals.Sum(s => s.Weight), 12);
        var champion = explained.Signals.Single(s => s.Signal == "Champion");
        Assert.Equal(0.20, champion.Weight, 12);
        Assert.Equal(18, champion.Contribution, 9);
    }

    [Fact]
    public void Explain_MissingSignals_ContributionsStillSumAndWeightsRenormalised()
    {
        var explained = Model.Explain(TestData.Account(planFit: 100, velocity: 50), TestData.AsOf);
        Assert.Equal(explained.Composite, explained.Signals.Sum(s => s.Contribution), 9);
        Assert.Equal(1, explained.Signals.Sum(s => s.EffectiveWeight), 12);
        Assert.Equal(0.30 / 0.55, explained.Signals.Single(s => s.Signal == "PlanFit").EffectiveWeight, 12);
        Assert.Equal(0, explained.Signals.Single(s => s.Signal == "Champion").EffectiveWeight);
    }

    [Fact]
    public void Explain_TreatAsZero_ContributionsStillSumToComposite()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MissingSignals = MissingSignalPolicy.TreatAsZero });
        var explained = model.Explain(TestData.Account(planFit: 100, velocity: 50), TestData.AsOf);
        Assert.Equal(42.5, explained.Composite, 9);
        Assert.Equal(explained.Composite, explained.Signals.Sum(s => s.Contribution), 9);
        Assert.Equal(MissingSignalPolicy.TreatAsZero, explained.MissingSignalPolicy);
    }

    [Fact]
    public void Explain_LoudestSignal_IsTheLargestContribution()
    {
        // Points: PlanFit 0.30×50 = 15, Velocity 0.25×40 = 10, Champion 0.20×95 = 19.
        var account = TestData.Account(50, 40, 10, 95, 10);
        var explained = Model.Explain(account, TestData.AsOf);
        Assert.Equal("Champion", explained.LoudestSignal);
        Assert.Equal(SignalKey.Champion, Model.Score(account, TestData.AsOf).LoudestSignal);
        Assert.Equal(explained.Signals.MaxBy(s => s.Contribution)!.Signal, explained.LoudestSignal);
    }

    [Fact]
    public void Explain_NoSignals_NoLoudestSignal()
    {
        var blank = new Account { Id = "blank" };
        Assert.Null(Model.Explain(blank, TestData.AsOf).LoudestSignal);
        Assert.True(Model.Score(blank, TestData.AsOf).LoudestSignal.IsDefault);
    }

    [Fact]
    public void Explain_MissingSignals_NamedWithReasons()
    {
        var account = new Account
        {
            Id = "partial",
            Signals = SignalValues.Of(planFit: 70),
            Telemetry = new AccountTelemetry { UsageTrendPercent = 6 },
        };
        var explained = Model.Explain(account, TestData.AsOf);

        Assert.Equal(["Engagement", "Champion", "Triggers"], explained.MissingSignals);
        var bySignal = explained.Signals.ToDictionary(s => s.Signal);
        Assert.Equal(SignalSource.Direct, bySignal["PlanFit"].Source);
        Assert.Equal(SignalSource.Derived, bySignal["Velocity"].Source);
        Assert.Equal(60, bySignal["Velocity"].Value!.Value, 9);
        Assert.Equal(SignalSource.Missing, bySignal["Engagement"].Source);
        Assert.Null(bySignal["Engagement"].Value);
        Assert.Equal("no feature adoption data", bySignal["Engagement"].MissingReason);
        Assert.Equal("no champion level", bySignal["Champion"].MissingReason);
        Assert.Equal("no trigger-event feed", bySignal["Triggers"].MissingReason);
        Assert.Null(bySignal["PlanFit"].MissingReason);
        Assert.Equal(Confidence.Low, explained.Confidence);
    }

    [Theory]
    [InlineData(0, Confidence.High)]
    [InlineData(1, Confidence.Medium)]
    [InlineData(2, Confidence.Medium)]
    [InlineData(3, Confidence.Low)]
    [InlineData(5, Confidence.Low)]
    public void Score_MissingWeightedSignals_Confidence(int missing, Confidence confidence)
    {
        double?[] s = [50, 50, 50, 50, 50];
        for (int i = 0; i < missing; i++)
        {
            s[i] = null;
        }

        var account = TestData.Account(s[0], s[1], s[2], s[3], s[4]);
        var score = Model.Score(account, TestData.AsOf);
        Assert.Equal(confidence, score.Confidence);
        Assert.Equal(missing, score.MissingSignalCount);
        Assert.Equal(confidence, Model.Explain(account, TestData.AsOf).Confidence);
        Assert.Equal(missing, Model.Explain(account, TestData.AsOf).MissingSignals.Count);
    }

    [Fact]
    public void Explain_CarriesEveryNumberOfTheScore()
    {
        var account = TestData.Account(92, 90, 50, 50, 50) with { Name = "Acme Corp", Plan = "Pro", SeatsActive = 80, SeatsPurchased = 87 };
        var score = Model.Score(account, TestData.AsOf);
        var explained = Model.Explain(account, TestData.AsOf);
        Assert.Equal("acct-1", explained.AccountId);
        Assert.Equal("Acme Corp", explained.Name);
        Assert.Equal("MidMarketBalanced", explained.Preset);
        Assert.Equal(score.Composite, explained.Composite);
        Assert.Equal(score.Probability, explained.Probability);
        Assert.Equal(score.Band.Name, explained.Band);
        Assert.Equal(score.Offer, explained.Offer);
        Assert.Equal(score.OfferRule, explained.OfferRule);
        Assert.Equal(score.Opportunity, explained.Opportunity);
        Assert.Equal(score.Window, explained.Window);
        Assert.Equal(score.EffectiveWindow, explained.EffectiveWindow);
        Assert.Equal(score.Confidence, explained.Confidence);
    }

    [Fact]
    public void Explain_CodeRuleThatAnswersDifferentlyWhenAskedAgain_ExplainsTheRuleThatFiredInTheEvaluation()
    {
        // The explanation formats the one evaluation: a rule asked a second time would not fire again, so an
        // explanation that re-evaluated the rules would name the wrong one.
        var rule = new FiresOnce();
        var model = new ScoringModelBuilder().AddOfferRule(rule, priority: 0).Build();

        var explained = model.Explain(TestData.Uniform(60), TestData.AsOf);

        Assert.Equal("FiresOnce", explained.OfferRule);
        Assert.Equal(OfferKind.MultiYear, explained.Offer);
        Assert.Equal("fired on its first call", explained.Rationale);
        Assert.Equal(1, rule.Calls);
    }

    [Property(MaxTest = 200)]
    public Property Explain_AnyAccount_ReportsTheScoresRuleWindowAndGates()
        => Prop.ForAll(Generators.Account.ToArbitrary(), account =>
        {
            var score = Model.Score(account, TestData.AsOf);
            var explained = Model.Explain(account, TestData.AsOf);
            Assert.Equal(score.OfferRule, explained.OfferRule);
            Assert.Equal(score.Window, explained.Window);
            Assert.Equal(score.EffectiveWindow, explained.EffectiveWindow);
            Assert.Equal(score.GatesBlocked, explained.Gates.Where(g => g.Status == GateStatus.Blocked).Aggregate(GateFlags.None, (f, g) => f | g.Gate));
            Assert.Equal(score.GatesNotEvaluated, explained.Gates.Where(g => g.Status == GateStatus.NotEvaluated).Aggregate(GateFlags.None, (f, g) => f | g.Gate));
            Assert.Equal(explained.Gates, Model.GateChecks(account, TestData.AsOf));
        });

    private sealed class FiresOnce : IOfferRule
    {
        public int Calls { get; private set; }

        public string Name => "FiresOnce";

        public OfferKind Offer => OfferKind.MultiYear;

        public bool Matches(in OfferRuleArguments arguments) => ++Calls == 1;

        public string Explain(in OfferRuleArguments arguments) => Calls == 1 ? "fired on its first call" : "fired later";
    }
}
