using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>
/// What the explanation says in the cases no other test reaches (SPEC §9): the offer label without seat counts, the
/// rationale when no rule fires, a switched-off health gate, and the weights an explanation reports.
/// </summary>
public class ScoringModelExplainRuleTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    [Fact]
    public void SeatsOffer_WithoutSeatCounts_IsLabelledAddSeats_WithoutANumber()
    {
        // No seat counts: PlanFit stands in for the saturation (90 → 0.90 ≥ 0.85), so SeatCapacity fires but there is
        // nothing to count seats from.
        var account = TestData.Account(planFit: 90, velocity: 70, engagement: 50, champion: 50, triggers: 50);

        var score = ScoringModel.Default.Score(account, AsOf);
        var explained = ScoringModel.Default.Explain(account, AsOf);

        Assert.Equal("SeatCapacity", score.OfferRule);
        Assert.Null(score.SeatsToAdd);
        Assert.Equal("Add seats", explained.OfferLabel);
        Assert.Equal("Seats at 90 % of plan ceiling with usage velocity 70/100 — capacity upsell", explained.Rationale);
    }

    [Fact]
    public void SeatsOffer_WithSeatCounts_NamesTheSeatsToReachTheTarget()
    {
        var account = TestData.Account(planFit: 50, velocity: 70, engagement: 50, champion: 50, triggers: 50) with { SeatsActive = 90, SeatsPurchased = 100 };

        var explained = ScoringModel.Default.Explain(account, AsOf);

        // 90 active at a 0.70 target need 129 seats: 29 more.
        Assert.Equal("SeatCapacity", explained.OfferRule);
        Assert.Equal(29, explained.SeatsToAdd);
        Assert.Equal("Add 29 seats", explained.OfferLabel);
    }

    [Fact]
    public void NoRuleFires_NurtureWithoutARule_SaysSo()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Offers = new OfferOptions
            {
                Rules = [new() { Name = "OnlyHot", Offer = OfferKind.AddOn, Conditions = [new() { Field = "Probability", Operator = ComparisonOperator.AtLeast, Value = 90 }] }],
            },
        });
        var account = TestData.Uniform(50);

        var score = model.Score(account, AsOf);
        var explained = model.Explain(account, AsOf);

        Assert.Equal(OfferKind.Nurture, score.Offer);
        Assert.Null(score.OfferRule);
        Assert.False(score.IsGated);
        Assert.Null(explained.OfferRule);
        Assert.Equal("No rule fired — nurture", explained.Rationale);
        Assert.Equal("Nurture — no offer yet", explained.OfferLabel);
        Assert.Equal(0, explained.Opportunity);
    }

    [Fact]
    public void HealthGate_SwitchedOff_IsDisabled_AndNeverBlocks()
    {
        var off = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { HealthEnabled = false } });
        var sick = TestData.Uniform(80) with { HealthScore = 10 };

        var check = off.GateChecks(sick, AsOf).Single(g => g.Gate == GateFlags.Health);

        Assert.Equal(GateStatus.Disabled, check.Status);
        Assert.Equal("health gate is off", check.Detail);
        Assert.False(off.Score(sick, AsOf).IsGated);
        Assert.True(ScoringModel.Default.Score(sick, AsOf).IsGated);
        Assert.Equal("no health score: health gate not evaluated", ScoringModel.Default.GateChecks(TestData.Uniform(80), AsOf).Single(g => g.Gate == GateFlags.Health).Detail);
    }

    [Fact]
    public void Gated_RationaleNamesEveryBlockingGate_AndTheLabelSaysGated()
    {
        var account = TestData.Uniform(80) with { HealthScore = 40, OpenP1P2Tickets = 2, ContractStartDate = AsOf.AddDays(-10) };

        var explained = ScoringModel.Default.Explain(account, AsOf);

        Assert.True(explained.IsGated);
        Assert.Equal(
            "Gated — not pitched while health score 40 is below 60; 2 open P1/P2 ticket(s), at most 0 allowed; tenure since 2026-02-20 is under 6 months",
            explained.Rationale);
        Assert.Equal("Nurture — gated", explained.OfferLabel);
        Assert.Equal(0, explained.Opportunity);
    }

    [Fact]
    public void Contributions_MissingSignalRenormalised_EffectiveWeightsSumToOne_AndEachContributionIsWeightTimesValue()
    {
        var account = TestData.Account(planFit: 80, velocity: null, engagement: 60, champion: 40, triggers: 20);

        var explained = ScoringModel.Default.Explain(account, AsOf);

        var velocity = explained.Signals.Single(s => s.Signal == "Velocity");
        Assert.Null(velocity.Value);
        Assert.Equal(0, velocity.EffectiveWeight);
        Assert.Equal(0, velocity.Contribution);
        Assert.True(velocity.Weight > 0);
        Assert.Equal(["Velocity"], explained.MissingSignals);
        TestData.Close(1, explained.Signals.Sum(s => s.EffectiveWeight));
        TestData.Close(explained.Composite, explained.Signals.Sum(s => s.Contribution));
        foreach (var s in explained.Signals.Where(s => s.Value is not null))
        {
            TestData.Close(s.EffectiveWeight * s.Value!.Value, s.Contribution);
            TestData.Close(s.Weight / (1 - velocity.Weight), s.EffectiveWeight);
        }
    }

    [Fact]
    public void Contributions_TreatAsZero_CountsTheMissingSignalsWeight()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MissingSignals = MissingSignalPolicy.TreatAsZero });
        var account = TestData.Account(planFit: 80, velocity: null, engagement: 60, champion: 40, triggers: 20);

        var explained = model.Explain(account, AsOf);

        var velocity = explained.Signals.Single(s => s.Signal == "Velocity");
        Assert.Equal(velocity.Weight, velocity.EffectiveWeight, 12);
        Assert.Equal(0, velocity.Contribution);
        Assert.Equal(["Velocity"], explained.MissingSignals);
        foreach (var s in explained.Signals)
        {
            Assert.Equal(s.Weight, s.EffectiveWeight, 12);
        }

        TestData.Close(explained.Composite, explained.Signals.Sum(s => s.Contribution));
    }

    [Fact]
    public void Explained_CarriesTheScoresFields()
    {
        var account = TestData.Uniform(70, Segment.Enterprise) with { Name = "Acme", Plan = "Pro", HealthScore = 80, OpenP1P2Tickets = 0, ContractStartDate = new DateOnly(2024, 1, 1) };

        var score = ScoringModel.Default.Score(account, AsOf);
        var explained = ScoringModel.Default.Explain(account, AsOf);

        Assert.Equal("acct-1", explained.AccountId);
        Assert.Equal("Acme", explained.Name);
        Assert.Equal(Segment.Enterprise, explained.Segment);
        Assert.Equal("Pro", explained.Plan);
        Assert.Equal(account.Arr, explained.Arr);
        Assert.Equal(score.Preset.Name, explained.Preset);
        Assert.Equal(score.Composite, explained.Composite);
        Assert.Equal(score.RawScore, explained.RawScore);
        Assert.Equal(score.Probability, explained.Probability);
        Assert.Equal(score.Band.Name, explained.Band);
        Assert.Equal(score.Offer, explained.Offer);
        Assert.Equal(score.Opportunity, explained.Opportunity);
        Assert.Equal(score.Window, explained.Window);
        Assert.Equal(score.EffectiveWindow, explained.EffectiveWindow);
        Assert.Equal(score.Confidence, explained.Confidence);
        Assert.Equal(score.LoudestSignal.Name, explained.LoudestSignal);
        Assert.Equal(MissingSignalPolicy.Renormalize, explained.MissingSignalPolicy);
        Assert.Equal(3, explained.Gates.Count);
        Assert.All(explained.Gates, g => Assert.Equal(GateStatus.Passed, g.Status));
        Assert.Empty(explained.MissingSignals);
        Assert.Equal(SignalKey.BuiltIn.Select(k => k.Name), explained.Signals.Select(s => s.Signal));
        Assert.Equal(5, explained.Signals.Count(s => s.Weight > 0));
        Assert.All(explained.Signals.Where(s => s.Weight > 0), s => Assert.Equal(SignalSource.Direct, s.Source));
    }
}
