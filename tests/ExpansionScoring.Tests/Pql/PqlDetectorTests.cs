using ExpansionScoring.Pql;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Pql;

public class PqlDetectorTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public void Detect_NoActivity_NoTriggersAndNoMotion()
    {
        var result = PqlDetector.Detect(new ProductActivity(), AsOf);
        Assert.Empty(result.Triggers);
        Assert.Equal(ExpansionMotion.None, result.Motion);
        Assert.Empty(result.TriggerEvents);
    }

    [Theory]
    [InlineData(81, true)]
    [InlineData(80, false)]
    public void Detect_SeatShareAround80Percent_FiresOnlyAbove(int active, bool fires)
    {
        var result = PqlDetector.Detect(new ProductActivity { LicensedSeats = 100, ActiveSeats = active }, AsOf);
        Assert.Equal(fires, result.Triggers.Any(t => t.Kind == PqlTriggerKind.SeatsNearlyFull));
        if (fires)
        {
            Assert.Equal(ExpansionMotion.Seat, result.Motion);
            Assert.Equal(new TriggerEvent(TriggerEventKind.SeatThresholdCrossed, AsOf), result.TriggerEvents.Single());
        }
    }

    [Theory]
    [InlineData(91, true)]
    [InlineData(90, false)]
    public void Detect_PlanLimitedFeatureAround90Percent_FiresOnlyAboveWithUsageMotion(double used, bool fires)
    {
        var activity = new ProductActivity { Limits = [new LimitUsage { Name = "Workflows", Used = used, Limit = 100, IsPlanLimitedFeature = true }] };
        var result = PqlDetector.Detect(activity, AsOf);
        Assert.Equal(fires, result.Triggers.Any(t => t.Kind == PqlTriggerKind.PlanLimitedFeatureNearlyUsedUp));
        Assert.Equal(fires ? ExpansionMotion.Usage : ExpansionMotion.None, result.Motion);
    }

    [Fact]
    public void Detect_MeteredLimitThatIsNotAFeature_DoesNotFireFeatureTrigger()
    {
        var activity = new ProductActivity { Limits = [new LimitUsage { Name = "API calls", Used = 99, Limit = 100 }] };
        Assert.Empty(PqlDetector.Detect(activity, AsOf).Triggers);
    }

    [Fact]
    public void Detect_TwoDistinctHigherPlanFeatures_FiresTierUpgrade()
    {
        var activity = new ProductActivity
        {
            Events = [new(ProductEventKind.HigherPlanFeatureUsed, AsOf.AddDays(-3), "SSO"), new(ProductEventKind.HigherPlanFeatureUsed, AsOf.AddDays(-2), "Audit log")],
        };
        var result = PqlDetector.Detect(activity, AsOf);
        Assert.Equal(PqlTriggerKind.HigherPlanFeaturesAdopted, result.Triggers.Single().Kind);
        Assert.Equal(ExpansionMotion.TierUpgrade, result.Motion);
        Assert.Equal(AsOf.AddDays(-2), result.Triggers.Single().Event.Date);
    }

    [Fact]
    public void Detect_SameHigherPlanFeatureTwice_DoesNotFire()
    {
        var activity = new ProductActivity
        {
            Events = [new(ProductEventKind.HigherPlanFeatureUsed, AsOf.AddDays(-3), "SSO"), new(ProductEventKind.HigherPlanFeatureUsed, AsOf.AddDays(-2), "sso")],
        };
        Assert.Empty(PqlDetector.Detect(activity, AsOf).Triggers);
    }

    [Fact]
    public void Detect_InviteBurstAndGuests_FireSeatTriggers()
    {
        var activity = new ProductActivity
        {
            Events =
            [
                .. Enumerable.Range(1, 3).Select(d => new ProductEvent(ProductEventKind.UserInvited, AsOf.AddDays(-d))),
                .. Enumerable.Range(1, 3).Select(d => new ProductEvent(ProductEventKind.GuestUserAdded, AsOf.AddDays(-d))),
            ],
        };
        var result = PqlDetector.Detect(activity, AsOf);
        Assert.Contains(result.Triggers, t => t.Kind == PqlTriggerKind.NewUsersInvited);
        Assert.Contains(result.Triggers, t => t.Kind == PqlTriggerKind.GuestUsersAccumulating);
        Assert.All(result.Triggers, t => Assert.Equal(TriggerEventKind.TeamInviteBurst, t.Event.Kind));
        Assert.Equal(ExpansionMotion.Seat, result.Motion);
    }

    [Fact]
    public void Detect_EventsOutsideLookBackOrInFuture_AreIgnored()
    {
        var activity = new ProductActivity
        {
            Events =
            [
                new(ProductEventKind.NextTierFeatureInquiry, AsOf.AddDays(-31)),
                new(ProductEventKind.NextTierFeatureInquiry, AsOf.AddDays(1)),
            ],
        };
        Assert.Empty(PqlDetector.Detect(activity, AsOf).Triggers);
    }

    [Fact]
    public void Detect_CrossSellNeedsHeavyPrimaryUseAndThreeVisits()
    {
        ProductEvent Visit(int d) => new(ProductEventKind.OtherProductVisit, AsOf.AddDays(-d), "Analytics");
        var light = new ProductActivity { HeavyPrimaryProductUse = false, Events = [Visit(1), Visit(2), Visit(3)] };
        var twoVisits = new ProductActivity { HeavyPrimaryProductUse = true, Events = [Visit(1), Visit(2)] };
        var heavy = new ProductActivity { HeavyPrimaryProductUse = true, Events = [Visit(1), Visit(2), Visit(3)] };
        Assert.Empty(PqlDetector.Detect(light, AsOf).Triggers);
        Assert.Empty(PqlDetector.Detect(twoVisits, AsOf).Triggers);
        var result = PqlDetector.Detect(heavy, AsOf);
        Assert.Equal(PqlTriggerKind.OtherProductInterest, result.Triggers.Single().Kind);
        Assert.Equal(ExpansionMotion.CrossSell, result.Motion);
    }

    [Fact]
    public void Detect_ConflictingMotions_StrongestPointsWin()
    {
        // Seat: seats nearly full today (25 points). TierUpgrade: one inquiry today (20 points). Seat wins.
        var activity = new ProductActivity
        {
            LicensedSeats = 10,
            ActiveSeats = 9,
            Events = [new(ProductEventKind.NextTierFeatureInquiry, AsOf, "SSO")],
        };
        Assert.Equal(ExpansionMotion.Seat, PqlDetector.Detect(activity, AsOf).Motion);

        // Add a second tier signal (two higher-plan features today: +20) → TierUpgrade 40 beats Seat 25.
        activity = activity with
        {
            Events = [.. activity.Events, new(ProductEventKind.HigherPlanFeatureUsed, AsOf, "SSO"), new(ProductEventKind.HigherPlanFeatureUsed, AsOf, "Audit")],
        };
        Assert.Equal(ExpansionMotion.TierUpgrade, PqlDetector.Detect(activity, AsOf).Motion);
    }

    [Fact]
    public void Detect_TiedMotions_TierUpgradeBeatsCrossSell()
    {
        // An exact tie, CrossSell 20 vs TierUpgrade 20 points today: the earlier motion in the enum order wins.
        var activity = new ProductActivity
        {
            Events = [new(ProductEventKind.OtherProductSupportQuestion, AsOf, "Analytics"), new(ProductEventKind.NextTierFeatureInquiry, AsOf)],
        };
        Assert.Equal(ExpansionMotion.TierUpgrade, PqlDetector.Detect(activity, AsOf).Motion);
    }

    [Fact]
    public void Detect_TriggerEventsFeedTheTriggersSignal()
    {
        var activity = new ProductActivity { LicensedSeats = 10, ActiveSeats = 10 };
        var events = PqlDetector.Detect(activity, AsOf).TriggerEvents;
        var account = new Account { Id = "a", Arr = 1, Telemetry = new AccountTelemetry { TriggerEvents = events } };
        var explained = ScoringModel.Default.Explain(account, AsOf);
        Assert.Equal(25, explained.Signals.Single(s => s.Signal == "Triggers").Value);
    }

    [Fact]
    public void Detect_NullActivity_Throws()
        => Assert.Throws<ArgumentNullException>(() => PqlDetector.Detect(null!, AsOf));
}

public class UsageAlertsTests
{
    private static readonly DateOnly Day0 = new(2026, 11, 1);

    private static UsageReading[] Series(params double[] used) => [.. used.Select((u, i) => new UsageReading(Day0.AddDays(i), u))];

    [Fact]
    public void DaysToLimit_RisingLinearly_ProjectsRemainingDays()
    {
        // 10 per day, at 860 on the last day, limit 1000 → 14 days.
        Assert.Equal(14, UsageAlerts.DaysToLimit(Series(800, 810, 820, 830, 840, 850, 860), 1000));
    }

    [Fact]
    public void DaysToLimit_Flat_IsNull() => Assert.Null(UsageAlerts.DaysToLimit(Series(500, 500, 500), 1000));

    [Fact]
    public void DaysToLimit_Falling_IsNull() => Assert.Null(UsageAlerts.DaysToLimit(Series(700, 650, 600), 1000));

    [Fact]
    public void DaysToLimit_AlreadyAtLimit_IsZero() => Assert.Equal(0, UsageAlerts.DaysToLimit(Series(990, 1000), 1000));

    [Fact]
    public void DaysToLimit_SingleReading_IsNull() => Assert.Null(UsageAlerts.DaysToLimit(Series(500), 1000));

    [Theory]
    [InlineData(49, null)]
    [InlineData(50, 0.50)]
    [InlineData(75, 0.75)]
    [InlineData(89.9, 0.75)]
    [InlineData(90, 0.90)]
    public void Evaluate_AtEachLevel_ReportsHighestCrossed(double used, double? level)
    {
        var alert = UsageAlerts.Evaluate(new LimitUsage { Name = "API calls", Used = used, Limit = 100 });
        Assert.Equal(level, alert?.Level);
    }

    [Fact]
    public void Evaluate_RisingUsage_MessageNamesDaysToLimit()
    {
        var usage = new LimitUsage { Name = "API calls", Used = 860, Limit = 1000, History = Series(800, 810, 820, 830, 840, 850, 860) };
        var alert = UsageAlerts.Evaluate(usage)!;
        Assert.Equal(14, alert.DaysToLimit);
        Assert.Equal("API calls at 86 % of the limit; at this rate the limit is reached in 14 days", alert.Message);
    }

    [Fact]
    public void LimitUsage_ZeroLimit_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new LimitUsage { Name = "x", Used = 1, Limit = 0 });
}
