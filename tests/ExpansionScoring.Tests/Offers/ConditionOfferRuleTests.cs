using ExpansionScoring.Offers;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Offers;

/// <summary>
/// Rules written as data (SPEC §6): the threshold each operator applies, the same on the scoring path and on the
/// explain path (which names the rule that fired), the explanation text and the rationale placeholders.
/// </summary>
public class ConditionOfferRuleTests
{
    private const double Threshold = 60;

    private static ScoringModel Model(OfferRuleOptions rule, OfferRuleOptions? second = null)
        => ScoringModel.Create(new ExpansionScoringOptions
        {
            Offers = new OfferOptions
            {
                Rules =
                [
                    rule,
                    second ?? new OfferRuleOptions { Name = "Otherwise", Offer = OfferKind.Nurture, Rationale = "B" },
                ],
            },
        });

    private static OfferRuleOptions PlanFitRule(ComparisonOperator op) => new()
    {
        Name = "Edge",
        Offer = OfferKind.AddOn,
        Conditions = [new OfferConditionOptions { Field = "PlanFit", Operator = op, Value = Threshold }],
        Rationale = "A",
    };

    [Theory]
    [InlineData(ComparisonOperator.AtLeast, -2e-9, false)]
    [InlineData(ComparisonOperator.AtLeast, -1e-9, true)]
    [InlineData(ComparisonOperator.AtLeast, -5e-10, true)]
    [InlineData(ComparisonOperator.AtLeast, 0, true)]
    [InlineData(ComparisonOperator.AtLeast, 2e-9, true)]
    [InlineData(ComparisonOperator.Above, -2e-9, false)]
    [InlineData(ComparisonOperator.Above, 0, false)]
    [InlineData(ComparisonOperator.Above, 5e-10, false)]
    [InlineData(ComparisonOperator.Above, 1e-9, false)]
    [InlineData(ComparisonOperator.Above, 2e-9, true)]
    [InlineData(ComparisonOperator.AtMost, -2e-9, true)]
    [InlineData(ComparisonOperator.AtMost, 0, true)]
    [InlineData(ComparisonOperator.AtMost, 5e-10, true)]
    [InlineData(ComparisonOperator.AtMost, 1e-9, true)]
    [InlineData(ComparisonOperator.AtMost, 2e-9, false)]
    [InlineData(ComparisonOperator.Below, -2e-9, true)]
    [InlineData(ComparisonOperator.Below, -1e-9, false)]
    [InlineData(ComparisonOperator.Below, -5e-10, false)]
    [InlineData(ComparisonOperator.Below, 0, false)]
    [InlineData(ComparisonOperator.Below, 2e-9, false)]
    public void ExplainedRule_IsTheScoredRule_AtAndAroundTheThreshold(ComparisonOperator op, double offset, bool fires)
    {
        var model = Model(PlanFitRule(op));
        var account = TestData.Uniform(50).With(planFit: Threshold + offset);

        var score = model.Score(account, TestData.AsOf);
        var explained = model.Explain(account, TestData.AsOf);

        Assert.Equal(fires ? "Edge" : "Otherwise", score.OfferRule);
        Assert.Equal(fires ? OfferKind.AddOn : OfferKind.Nurture, score.Offer);
        Assert.Equal(score.OfferRule, explained.OfferRule);
        Assert.Equal(fires ? "A" : "B", explained.Rationale);
    }

    [Fact]
    public void ExplainedRule_MissingSignal_NeverFires()
    {
        var model = Model(PlanFitRule(ComparisonOperator.AtMost));
        var account = TestData.Account(velocity: 50, engagement: 50, champion: 50, triggers: 50);

        Assert.Equal("Otherwise", model.Score(account, TestData.AsOf).OfferRule);
        Assert.Equal("B", model.Explain(account, TestData.AsOf).Rationale);
    }

    [Fact]
    public void Explain_WithoutRationale_DescribesEachConditionWithItsValueOperatorAndThreshold()
    {
        var rule = new OfferRuleOptions
        {
            Name = "Everything",
            Offer = OfferKind.Seats,
            Conditions =
            [
                new() { Field = "PlanFit", Operator = ComparisonOperator.AtLeast, Value = 60 },
                new() { Field = "seatsaturation", Operator = ComparisonOperator.Above, Value = 0.8 },
                new() { Field = "DaysToRenewal", Operator = ComparisonOperator.AtMost, Value = 90 },
                new() { Field = "Arr", Operator = ComparisonOperator.Below, Value = 1_000_000 },
                new() { Field = "Probability", Operator = ComparisonOperator.AtLeast, Value = 5 },
                new() { Field = "Composite", Operator = ComparisonOperator.AtLeast, Value = 0.5 },
            ],
        };
        var account = TestData.Uniform(70) with { SeatsActive = 92, SeatsPurchased = 100, DaysToRenewal = 30 };

        var explained = Model(rule).Explain(account, TestData.AsOf);

        Assert.Equal("Everything", explained.OfferRule);
        Assert.Equal("PlanFit 70 ≥ 60 and SeatSaturation 92 % > 80 % and DaysToRenewal 30 ≤ 90 and Arr 100,000 < 1,000,000 and Probability 68 ≥ 5 and Composite 70 ≥ 0.5 — Seats", explained.Rationale);
    }

    [Fact]
    public void Explain_ConditionOnAMissingFact_ShowsNotAvailable()
    {
        var rule = new OfferRuleOptions
        {
            Name = "Below",
            Offer = OfferKind.AddOn,
            Conditions = [new() { Field = "Composite", Operator = ComparisonOperator.AtMost, Value = 100 }],
            Rationale = "renewal {DaysToRenewal}, seats {SeatSaturation}",
        };

        var explained = Model(rule).Explain(TestData.Account(planFit: null, velocity: 50), TestData.AsOf);

        Assert.Equal("renewal n/a, seats n/a", explained.Rationale);
    }

    [Fact]
    public void Explain_RuleWithNoConditions_SaysSo()
    {
        var rule = new OfferRuleOptions { Name = "Always", Offer = OfferKind.MultiYear };

        Assert.Equal("Always: no conditions — MultiYear", Model(rule).Explain(TestData.Uniform(50), TestData.AsOf).Rationale);
    }

    [Fact]
    public void Rationale_EveryPlaceholder_IsFilledFromTheAccount()
    {
        var rule = new OfferRuleOptions
        {
            Name = "Templated",
            Offer = OfferKind.Tier,
            Rationale = "{Plan}|{NextPlan}|{SeatsToAdd}|{Name}|{PlanFit}|{SeatSaturation}|{DaysToRenewal}|{Probability}|{Composite}|{Arr}|{Champion}|{plan}|{Nope}|{no such}|{} end {open",
        };
        var account = TestData.Account(planFit: 70, velocity: 70, engagement: 70, champion: null, triggers: 70) with
        {
            Name = "Acme Corp",
            Plan = "Pro",
            SeatsActive = 92,
            SeatsPurchased = 100,
            DaysToRenewal = 30,
        };

        var explained = Model(rule).Explain(account, TestData.AsOf);

        Assert.Equal("Pro|Enterprise|32|Acme Corp|70|92 %|30|68|70|100,000|n/a|Pro|n/a|{no such}|{} end {open", explained.Rationale);
    }

    [Fact]
    public void Rationale_WithoutPlanOrSeats_UsesTheWordsForUnknown()
    {
        var rule = new OfferRuleOptions { Name = "Templated", Offer = OfferKind.Tier, Rationale = "{Plan} → {NextPlan}, {SeatsToAdd} seats for {Name}" };

        var explained = Model(rule).Explain(TestData.Uniform(50) with { Id = "acct-9" }, TestData.AsOf);

        Assert.Equal("current plan → the next plan, more seats for acct-9", explained.Rationale);
    }

    [Theory]
    [InlineData(Segment.SMB, "Edge", "A")]
    [InlineData(Segment.MidMarket, "Otherwise", "B")]
    [InlineData(Segment.Enterprise, "Otherwise", "B")]
    public void SegmentRule_FiresOnlyInItsSegments_OnBothPaths(Segment segment, string expectedRule, string expectedRationale)
    {
        var rule = PlanFitRule(ComparisonOperator.AtLeast);
        rule.Segments = [Segment.SMB];
        var model = Model(rule);
        var account = TestData.Uniform(80, segment);

        Assert.Equal(expectedRule, model.Score(account, TestData.AsOf).OfferRule);
        Assert.Equal(expectedRationale, model.Explain(account, TestData.AsOf).Rationale);
    }

    [Fact]
    public void Rule_OnACustomSignal_ReadsItOnBothPaths()
    {
        var options = new ExpansionScoringOptions
        {
            Signals = ["Nps"],
            Offers = new OfferOptions
            {
                Rules =
                [
                    new() { Name = "Promoters", Offer = OfferKind.AddOn, Conditions = [new() { Field = "nps", Operator = ComparisonOperator.AtLeast, Value = 9 }], Rationale = "NPS {Nps}" },
                    new() { Name = "Otherwise", Offer = OfferKind.Nurture, Rationale = "B" },
                ],
            },
        };
        var model = ScoringModel.Create(options);
        var promoter = TestData.Uniform(50) with { Signals = SignalValues.Of(50, 50, 50, 50, 50).With(SignalKey.Of("Nps"), 9) };

        Assert.Equal("Promoters", model.Score(promoter, TestData.AsOf).OfferRule);
        Assert.Equal("NPS 9", model.Explain(promoter, TestData.AsOf).Rationale);
        Assert.Equal("Otherwise", model.Score(TestData.Uniform(50), TestData.AsOf).OfferRule);
    }
}
