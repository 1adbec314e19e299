using ExpansionScoring.Signals;
using ExpansionScoring.Offers;

namespace ExpansionScoring.Tests.Offers;

/// <summary>SPEC §6: the six next-best-offer rules in order, every boundary, multipliers, opportunity, labels and rationales.</summary>
public class DefaultOfferRulesTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    private static AccountScore Score(Account account) => Model.Score(account, TestData.AsOf);

    // A neutral account (composite 50, probability 50): no SPEC rule fires, so it falls back to Tier.
    private static Account Neutral(Segment segment = Segment.MidMarket) => TestData.Uniform(50, segment);

    [Fact]
    public void Rules_DefaultOrder_IsTheSpecOrder()
    {
        Assert.Equal(["EnterpriseTriggers", "SeatCapacity", "TierReady", "MultiYearLock", "LowProbability", "Fallback"], Model.OfferRules);
        Assert.Equal(Model.OfferRules, DefaultOfferRules.Create().Select(r => r.Name));
    }

    [Fact]
    public void Neutral_NoRuleButFallback_IsTier()
    {
        var score = Score(Neutral());
        Assert.Equal(OfferKind.Tier, score.Offer);
        Assert.Equal("Fallback", score.OfferRule);
    }

    // ---- Rule 1: Enterprise and Triggers ≥ 70 → AddOn ----

    [Theory]
    [InlineData(70, OfferKind.AddOn, "EnterpriseTriggers")]
    [InlineData(100, OfferKind.AddOn, "EnterpriseTriggers")]
    [InlineData(69.9, OfferKind.Tier, "Fallback")]
    public void EnterpriseTriggers_Boundary(double triggers, OfferKind offer, string rule)
    {
        var score = Score(Neutral(Segment.Enterprise).With(triggers: triggers));
        Assert.Equal(offer, score.Offer);
        Assert.Equal(rule, score.OfferRule);
    }

    [Theory]
    [InlineData(Segment.MidMarket)]
    [InlineData(Segment.SMB)]
    public void EnterpriseTriggers_OtherSegment_DoesNotFire(Segment segment)
    {
        var score = Score(Neutral(segment).With(triggers: 100));
        Assert.NotEqual(OfferKind.AddOn, score.Offer);
        Assert.Equal("Fallback", score.OfferRule);
    }

    // ---- Rule 2: seat saturation ≥ 0.85 and Velocity ≥ 60 → Seats ----

    [Theory]
    [InlineData(85, 100, 60, OfferKind.Seats)]
    [InlineData(850, 1000, 60, OfferKind.Seats)]
    [InlineData(849, 1000, 60, OfferKind.Tier)]     // 0.849
    [InlineData(85, 100, 59.9, OfferKind.Tier)]
    [InlineData(120, 100, 60, OfferKind.Seats)]
    public void SeatCapacity_Boundary(int active, int purchased, double velocity, OfferKind offer)
    {
        var account = Neutral().With(velocity: velocity) with { SeatsActive = active, SeatsPurchased = purchased };
        Assert.Equal(offer, Score(account).Offer);
    }

    [Theory]
    [InlineData(0.85, OfferKind.Seats)]
    [InlineData(0.849, OfferKind.Tier)]
    public void SeatCapacity_SaturationRatio_Boundary(double saturation, OfferKind offer)
    {
        var account = Neutral().With(velocity: 60) with { SeatSaturation = saturation };
        Assert.Equal(offer, Score(account).Offer);
    }

    [Theory]
    [InlineData(85, OfferKind.Seats)]
    [InlineData(84.9, OfferKind.Tier)]
    public void SeatCapacity_NoSeatData_ReadsSaturationFromPlanFit(double planFit, OfferKind offer)
    {
        Assert.Equal(offer, Score(Neutral().With(planFit: planFit, velocity: 60)).Offer);
    }

    // ---- Rule 3: Velocity ≥ 75 and Engagement ≥ 70 → Tier ----

    [Theory]
    [InlineData(75, 70, "TierReady")]
    [InlineData(74.9, 70, "Fallback")]
    [InlineData(75, 69.9, "Fallback")]
    public void TierReady_Boundary(double velocity, double engagement, string rule)
    {
        var score = Score(Neutral().With(velocity: velocity, engagement: engagement));
        Assert.Equal(OfferKind.Tier, score.Offer);
        Assert.Equal(rule, score.OfferRule);
    }

    [Fact]
    public void TierReady_FiresBeforeLowProbability()
    {
        // Probability 5 + 0.9 × (0.25 × 75 + 0.15 × 70) = 31.3 < 40, but rule 3 comes before rule 5.
        var score = Score(TestData.Account(0, 75, 70, 0, 0));
        Assert.Equal(31.325, score.Probability, 9);
        Assert.Equal(OfferKind.Tier, score.Offer);
        Assert.Equal("TierReady", score.OfferRule);
    }

    // ---- Rule 4: Champion ≥ 80 and days to renewal ≤ 90 → MultiYear ----

    [Theory]
    [InlineData(80, 90, OfferKind.MultiYear)]
    [InlineData(80, 0, OfferKind.MultiYear)]
    [InlineData(80, 91, OfferKind.Tier)]
    [InlineData(79.9, 90, OfferKind.Tier)]
    public void MultiYearLock_Boundary(double champion, int days, OfferKind offer)
    {
        var account = Neutral().With(champion: champion) with { DaysToRenewal = days };
        Assert.Equal(offer, Score(account).Offer);
    }

    [Theory]
    [InlineData(90, OfferKind.MultiYear)]
    [InlineData(91, OfferKind.Tier)]
    public void MultiYearLock_RenewalDate_ResolvedAgainstAsOf(int daysAhead, OfferKind offer)
    {
        var account = Neutral().With(champion: 90) with { RenewalDate = TestData.AsOf.AddDays(daysAhead) };
        Assert.Equal(offer, Score(account).Offer);
    }

    [Fact]
    public void MultiYearLock_RenewalUnknown_DoesNotFire()
    {
        Assert.Equal("Fallback", Score(Neutral().With(champion: 100)).OfferRule);
    }

    // ---- Rule 5: probability < 40 → Nurture; rule 6: otherwise Tier ----

    [Theory]
    [InlineData(39.9, OfferKind.Nurture, "LowProbability")]
    [InlineData(40, OfferKind.Tier, "Fallback")]
    [InlineData(5, OfferKind.Nurture, "LowProbability")]
    public void LowProbability_Boundary(double probability, OfferKind offer, string rule)
    {
        var score = Score(TestData.Uniform(TestData.CompositeFor(probability)));
        Assert.Equal(probability, score.Probability, 9);
        Assert.Equal(offer, score.Offer);
        Assert.Equal(rule, score.OfferRule);
    }

    [Fact]
    public void Nurture_HasNoOpportunity()
    {
        var score = Score(TestData.Uniform(10, arr: 1_000_000));
        Assert.Equal(OfferKind.Nurture, score.Offer);
        Assert.Equal(0, score.Opportunity);
    }

    // ---- Order: the first rule that fires wins ----

    [Fact]
    public void Order_EverythingFires_EachRuleBeatsTheNext()
    {
        var all = TestData.Uniform(100, Segment.Enterprise) with { SeatsActive = 95, SeatsPurchased = 100, DaysToRenewal = 30 };
        Assert.Equal(OfferKind.AddOn, Score(all).Offer);

        var noEnterprise = all with { Segment = Segment.MidMarket };
        Assert.Equal(OfferKind.Seats, Score(noEnterprise).Offer);

        var noSeats = noEnterprise with { SeatsActive = 50 };
        Assert.Equal("TierReady", Score(noSeats).OfferRule);

        var noTier = noSeats.With(engagement: 0);
        Assert.Equal(OfferKind.MultiYear, Score(noTier).Offer);

        var noMultiYear = noTier with { DaysToRenewal = 200 };
        Assert.Equal("Fallback", Score(noMultiYear).OfferRule);
    }

    [Fact]
    public void Order_SeatsBeatsLowProbability()
    {
        // Probability 5 + 0.9 × (0.30 × 90 + 0.25 × 60) = 42.8 would be Tier anyway; drop it under 40 with zeros elsewhere.
        var account = TestData.Account(0, 60, 0, 0, 0) with { SeatsActive = 90, SeatsPurchased = 100 };
        var score = Score(account);
        Assert.True(score.Probability < 40);
        Assert.Equal(OfferKind.Seats, score.Offer);
    }

    // ---- Multipliers and opportunity ----

    [Theory]
    [InlineData(OfferKind.Seats, 0.20)]
    [InlineData(OfferKind.Tier, 0.45)]
    [InlineData(OfferKind.AddOn, 0.18)]
    [InlineData(OfferKind.MultiYear, 0.10)]
    [InlineData(OfferKind.Nurture, 0)]
    public void Multiplier_IsTheSpecValue(OfferKind offer, double multiplier)
    {
        Assert.Equal(multiplier, DefaultOfferRules.Multiplier(offer));
        Assert.Equal(multiplier, Model.MultiplierOf(offer));
    }

    [Fact]
    public void Multiplier_Undefined_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DefaultOfferRules.Multiplier((OfferKind)77));
        Assert.Equal("offer", ex.ParamName);
        Assert.Equal((OfferKind)77, ex.ActualValue);
        Assert.StartsWith("Unknown offer kind.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.MultiplierOf((OfferKind)77));
    }

    [Theory]
    [InlineData(OfferKind.Seats, 0.20)]
    [InlineData(OfferKind.AddOn, 0.18)]
    [InlineData(OfferKind.MultiYear, 0.10)]
    [InlineData(OfferKind.Tier, 0.45)]
    public void Opportunity_EachOffer_IsProbabilityTimesArrTimesMultiplier(OfferKind offer, double multiplier)
    {
        var account = offer switch
        {
            OfferKind.Seats => Neutral().With(velocity: 80) with { SeatsActive = 90, SeatsPurchased = 100 },
            OfferKind.AddOn => Neutral(Segment.Enterprise).With(triggers: 90),
            OfferKind.MultiYear => Neutral().With(champion: 90) with { DaysToRenewal = 30 },
            _ => Neutral(),
        } with { Arr = 250_000 };
        var score = Score(account);
        Assert.Equal(offer, score.Offer);
        Assert.Equal(score.Probability / 100 * 250_000 * multiplier, score.Opportunity, 6);
    }

    [Fact]
    public void Opportunity_CustomMultiplier_Used()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Multipliers = { [OfferKind.Tier] = 0.5 } } });
        var score = model.Score(TestData.Uniform(50, arr: 10_000), TestData.AsOf);
        Assert.Equal(OfferKind.Tier, score.Offer);
        Assert.Equal(0.5 * 10_000 * 0.5, score.Opportunity, 9);
        Assert.Equal(0.20, model.MultiplierOf(OfferKind.Seats));
    }

    // ---- Seats to add = ceil(active / 0.70) − purchased ----

    [Theory]
    [InlineData(70, 100, 0)]     // exactly 70 %: nothing to add
    [InlineData(7, 10, 0)]
    [InlineData(700, 1000, 0)]
    [InlineData(71, 100, 2)]     // ceil(101.43) − 100
    [InlineData(92, 100, 32)]    // ceil(131.43) − 100
    [InlineData(80, 87, 28)]     // ceil(114.29) − 87
    [InlineData(85, 100, 22)]    // ceil(121.43) − 100
    [InlineData(140, 100, 100)]  // exactly 200
    public void SeatsToAdd_BringsUtilisationBackToSeventyPercent(int active, int purchased, int expected)
    {
        var score = Score(Neutral() with { SeatsActive = active, SeatsPurchased = purchased });
        Assert.Equal(expected, score.SeatsToAdd);
    }

    [Fact]
    public void SeatsToAdd_UnderUtilised_IsZeroNotNegative()
    {
        Assert.Equal(0, Score(Neutral() with { SeatsActive = 10, SeatsPurchased = 100 }).SeatsToAdd);
    }

    [Fact]
    public void SeatsToAdd_NoCounts_IsNull()
    {
        Assert.Null(Score(Neutral() with { SeatSaturation = 0.95 }).SeatsToAdd);
    }

    [Fact]
    public void SeatsToAdd_CustomTargetUtilisation_Used()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { SeatsTargetUtilization = 0.8 } });
        Assert.Equal(25, model.Score(Neutral() with { SeatsActive = 100, SeatsPurchased = 100 }, TestData.AsOf).SeatsToAdd);
    }

    // ---- Labels and rationales ----

    [Fact]
    public void Explain_SeatsOffer_LabelAndRationaleFromTheSpec()
    {
        // 80 / 87 = 92 % of plan ceiling; ceil(80 / 0.7) − 87 = 28.
        var account = TestData.Account(92, 90, 50, 50, 50) with { Name = "Acme Corp", SeatsActive = 80, SeatsPurchased = 87 };
        var explained = Model.Explain(account, TestData.AsOf);
        Assert.Equal(OfferKind.Seats, explained.Offer);
        Assert.Equal("Add 28 seats", explained.OfferLabel);
        Assert.Equal("Seats at 92 % of plan ceiling with usage velocity 90/100 — capacity upsell", explained.Rationale);
        Assert.Equal(28, explained.SeatsToAdd);
    }

    [Fact]
    public void Explain_TierFromPro_LabelIsUpgradeProToEnterprise()
    {
        var explained = Model.Explain(Neutral() with { Plan = "Pro" }, TestData.AsOf);
        Assert.Equal(OfferKind.Tier, explained.Offer);
        Assert.Equal("Upgrade Pro → Enterprise", explained.OfferLabel);
    }

    [Theory]
    [InlineData("Starter", "Upgrade Starter → Growth")]
    [InlineData("growth", "Upgrade growth → Pro")]
    [InlineData("Enterprise", "Expand Enterprise (top of plan ladder)")]
    [InlineData(null, "Upgrade to the next plan")]
    public void Explain_TierLabel_FollowsPlanLadder(string? plan, string label)
    {
        Assert.Equal(label, Model.Explain(Neutral() with { Plan = plan }, TestData.AsOf).OfferLabel);
    }

    [Fact]
    public void Explain_CustomPlanLadder_Used()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { PlanLadder = ["Free", "Team", "Business"] } });
        Assert.Equal("Upgrade Team → Business", model.Explain(Neutral() with { Plan = "Team" }, TestData.AsOf).OfferLabel);
        Assert.Equal(["Free", "Team", "Business"], model.PlanLadder);
    }

    [Fact]
    public void Explain_TierReady_RationaleNamesVelocityAndEngagement()
    {
        var explained = Model.Explain(Neutral().With(velocity: 88, engagement: 72), TestData.AsOf);
        Assert.Equal("Usage velocity 88/100 with engagement 72/100 — ready for the next plan", explained.Rationale);
    }

    [Fact]
    public void Explain_AddOn_RationaleNamesTriggers()
    {
        var explained = Model.Explain(Neutral(Segment.Enterprise).With(triggers: 75), TestData.AsOf);
        Assert.Equal("Add-on package", explained.OfferLabel);
        Assert.Equal("Enterprise account with trigger events at 75/100 — add-on motion", explained.Rationale);
    }

    [Fact]
    public void Explain_MultiYear_RationaleNamesChampionAndRenewal()
    {
        var explained = Model.Explain(Neutral().With(champion: 85) with { DaysToRenewal = 45 }, TestData.AsOf);
        Assert.Equal("Multi-year renewal", explained.OfferLabel);
        Assert.Equal("Champion strength 85/100 with renewal in 45 days — lock in a multi-year term", explained.Rationale);
    }

    [Fact]
    public void Explain_LowProbability_RationaleNamesProbability()
    {
        var explained = Model.Explain(TestData.Uniform(20), TestData.AsOf);
        Assert.Equal("Nurture — no offer yet", explained.OfferLabel);
        Assert.Equal("Probability 23 is below 40 — nurture, no offer yet", explained.Rationale);
    }

    [Fact]
    public void Explain_Fallback_RationaleNamesProbabilityEngagementVelocity()
    {
        var explained = Model.Explain(TestData.Account(40, 50, 40, 60, 40), TestData.AsOf);
        Assert.Equal("Fallback", explained.OfferRule);
        Assert.Equal(
            $"Probability {explained.Probability.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} with engagement 40/100 and velocity 50/100 — default tier upgrade",
            explained.Rationale);
    }

    // ---- Rules as data ----

    [Fact]
    public void Create_RuleThresholdChanged_Used()
    {
        var rules = DefaultOfferRules.Create();
        rules[1].Conditions[0].Value = 0.95;
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Rules = rules } });
        var account = Neutral().With(velocity: 80) with { SeatsActive = 90, SeatsPurchased = 100 };
        Assert.Equal(OfferKind.Seats, Score(account).Offer);
        Assert.NotEqual(OfferKind.Seats, model.Score(account, TestData.AsOf).Offer);
    }

    [Fact]
    public void Create_RulesReordered_OrderUsed()
    {
        var rules = DefaultOfferRules.Create();
        var multiYear = rules[3];
        rules.RemoveAt(3);
        rules.Insert(0, multiYear);
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Rules = rules } });
        var account = TestData.Uniform(100, Segment.Enterprise) with { DaysToRenewal = 10 };
        Assert.Equal(OfferKind.AddOn, Score(account).Offer);
        Assert.Equal(OfferKind.MultiYear, model.Score(account, TestData.AsOf).Offer);
    }

    [Fact]
    public void Create_InvalidRules_ListsEveryProblem()
    {
        var options = new ExpansionScoringOptions
        {
            Offers = new OfferOptions
            {
                Rules =
                [
                    new OfferRuleOptions { Name = "A", Offer = OfferKind.Seats, Conditions = [new OfferConditionOptions { Field = "Bogus", Value = 1 }] },
                    new OfferRuleOptions { Name = "a", Offer = (OfferKind)9 },
                ],
                SeatsTargetUtilization = 0,
            },
        };
        var ex = InvariantCulture.Run(() => Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(options)));
        Assert.Equal(
            [
                $"Offers:Rules:0:Conditions:0:Field 'Bogus' is not a known signal (known: {string.Join(", ", SignalKey.BuiltIn.Select(k => k.Name))}).",
                "Offers:Rules:1:Name 'a' is used twice.",
                "Offers:Rules:1:Offer must be one of Nurture, Seats, Tier, AddOn, MultiYear, was 9.",
                "Offers:SeatsTargetUtilization must be in (0, 1], was 0.",
            ],
            ex.Errors);
    }
}
