using ExpansionScoring.Offers;

namespace ExpansionScoring.Tests.Offers;

/// <summary>The defaults of the offer options, each pinned by what it does to a score.</summary>
public class OfferRuleOptionsTests
{
    [Fact]
    public void NewCondition_HasNoField_AndValidationSaysSo()
    {
        var condition = new OfferConditionOptions();
        var options = new ExpansionScoringOptions { Offers = new() { Rules = [new() { Name = "R", Offer = OfferKind.AddOn, Conditions = [condition] }] } };

        Assert.Equal(string.Empty, condition.Field);
        Assert.Equal(ComparisonOperator.AtLeast, condition.Operator);
        Assert.Equal(0, condition.Value);
        // The message lists every reserved fact, so a new fact needs no change here.
        var error = Assert.Single(options.Validate());
        Assert.StartsWith("Offers:Rules:0:Conditions:0:Field '' is not a signal name or one of SeatSaturation, DaysToRenewal, Probability, Composite, Arr", error, StringComparison.Ordinal);
        Assert.Equal($"Offers:Rules:0:Conditions:0:Field '' is not a signal name or one of {string.Join(", ", ConditionOfferRule.Operand.ReservedNames)}.", error);
    }

    [Fact]
    public void NewRule_HasNoNameAndNoConditions_AndValidationAsksOnlyForTheName()
    {
        var rule = new OfferRuleOptions();
        var options = new ExpansionScoringOptions { Offers = new() { Rules = [rule] } };

        Assert.Equal(string.Empty, rule.Name);
        Assert.Empty(rule.Conditions);
        Assert.Null(rule.Segments);
        Assert.Null(rule.Rationale);
        Assert.Equal(["Offers:Rules:0:Name must not be empty."], options.Validate());
    }

    [Fact]
    public void RuleWithDefaultConditions_FiresForEveryAccount()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new() { Rules = [new() { Name = "Always", Offer = OfferKind.MultiYear }] } });

        Assert.Equal("Always", model.Score(TestData.Uniform(0), TestData.AsOf).OfferRule);
        Assert.Equal("Always", model.Score(TestData.Uniform(100, Segment.Enterprise), TestData.AsOf).OfferRule);
    }

    [Fact]
    public void NewOfferOptions_KeepTheSpecDefaults()
    {
        var offers = new OfferOptions();

        Assert.Empty(offers.Multipliers);
        Assert.Null(offers.Rules);
        Assert.Null(offers.PlanLadder);
        Assert.Equal(0.70, offers.SeatsTargetUtilization);
        Assert.True(offers.SeatSaturationFromPlanFit);
        Assert.Equal(0.45, ScoringModel.Create(new ExpansionScoringOptions { Offers = offers }).MultiplierOf(OfferKind.Tier));
    }

    [Fact]
    public void DefaultSeatsTarget_AddsSeatsToBringUseBackTo70Percent()
    {
        var account = TestData.Uniform(50) with { SeatsActive = 92, SeatsPurchased = 100 };

        Assert.Equal(32, ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions() }).Score(account, TestData.AsOf).SeatsToAdd); // ceil(92 / 0.7) − 100
    }

    [Fact]
    public void DefaultSeatSaturationFromPlanFit_StandsInForMissingSeatData()
    {
        var rule = new OfferRuleOptions { Name = "Full", Offer = OfferKind.Seats, Conditions = [new() { Field = "SeatSaturation", Operator = ComparisonOperator.AtLeast, Value = 0.9 }] };
        var account = TestData.Uniform(50).With(planFit: 95);

        var byDefault = ScoringModel.Create(new ExpansionScoringOptions { Offers = new() { Rules = [rule] } });
        var off = ScoringModel.Create(new ExpansionScoringOptions { Offers = new() { Rules = [rule], SeatSaturationFromPlanFit = false } });

        Assert.Equal("Full", byDefault.Score(account, TestData.AsOf).OfferRule);
        Assert.Null(off.Score(account, TestData.AsOf).OfferRule);
    }
}
