using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Signals;

/// <summary>SPEC §2: the default scorers that derive each signal from raw telemetry.</summary>
public class DefaultSignalScorersTests
{
    private static SignalReading Read(ISignalScorer scorer, Account account, DateOnly? asOf = null)
        => scorer.Score(new SignalScorerArguments(account, asOf ?? TestData.AsOf));

    private static Account WithTelemetry(AccountTelemetry telemetry) => new() { Id = "a", Telemetry = telemetry };

    // ---- PlanFit = 100 × min(1, max(seat saturation, metered saturation)) ----

    [Fact]
    public void PlanFit_SeatsOnly_IsHundredTimesSaturation()
    {
        var reading = Read(DefaultSignalScorers.PlanFit, new Account { Id = "a", SeatsActive = 46, SeatsPurchased = 50 });
        Assert.Equal(92, reading.Value, 9);
    }

    [Fact]
    public void PlanFit_MeteredAboveSeats_TakesTheMax()
    {
        var account = new Account
        {
            Id = "a",
            SeatsActive = 50,
            SeatsPurchased = 100,
            Telemetry = new AccountTelemetry { MeteredUsageSaturation = 0.8 },
        };
        Assert.Equal(80, Read(DefaultSignalScorers.PlanFit, account).Value, 9);
    }

    [Fact]
    public void PlanFit_SeatsAboveMetered_TakesTheMax()
    {
        var account = new Account
        {
            Id = "a",
            SeatsActive = 90,
            SeatsPurchased = 100,
            Telemetry = new AccountTelemetry { MeteredUsageSaturation = 0.3 },
        };
        Assert.Equal(90, Read(DefaultSignalScorers.PlanFit, account).Value, 9);
    }

    [Fact]
    public void PlanFit_MeteredOnly_UsesMetered()
    {
        Assert.Equal(65, Read(DefaultSignalScorers.PlanFit, WithTelemetry(new() { MeteredUsageSaturation = 0.65 })).Value, 9);
    }

    [Theory]
    [InlineData(120, 100)]
    [InlineData(300, 100)]
    public void PlanFit_OverPlanCeiling_CappedAtHundred(int active, int purchased)
    {
        Assert.Equal(100, Read(DefaultSignalScorers.PlanFit, new Account { Id = "a", SeatsActive = active, SeatsPurchased = purchased }).Value);
        Assert.Equal(100, Read(DefaultSignalScorers.PlanFit, WithTelemetry(new() { MeteredUsageSaturation = 1.7 })).Value);
    }

    [Fact]
    public void PlanFit_NoData_IsMissingWithReason()
    {
        var reading = Read(DefaultSignalScorers.PlanFit, new Account { Id = "a" });
        Assert.False(reading.IsPresent);
        Assert.Equal("no seat or metered-usage data", reading.MissingReason);
    }

    // ---- Velocity = clamp(50 + trend × 5/3) ----

    [Theory]
    [InlineData(15, 75)]
    [InlineData(30, 100)]
    [InlineData(-30, 0)]
    [InlineData(0, 50)]
    [InlineData(6, 60)]
    [InlineData(-12, 30)]
    [InlineData(45, 100)]
    [InlineData(-80, 0)]
    public void Velocity_Trend_MapsPerSpec(double trendPercent, double expected)
    {
        Assert.Equal(expected, Read(DefaultSignalScorers.Velocity, WithTelemetry(new() { UsageTrendPercent = trendPercent })).Value, 9);
    }

    [Fact]
    public void Velocity_NoTrend_IsMissing()
    {
        Assert.False(Read(DefaultSignalScorers.Velocity, WithTelemetry(new())).IsPresent);
    }

    // ---- Engagement = 100 × (0.6 × adoption + 0.4 × min(1, departments / 3)) ----

    [Theory]
    [InlineData(5, 10, 3, 70)]          // 0.6 × 0.5 + 0.4 × 1
    [InlineData(5, 10, 7, 70)]          // 3 or more departments is full breadth
    [InlineData(5, 10, 1, 43.3333333333)] // 0.3 + 0.4 / 3
    [InlineData(5, 10, 2, 56.6666666667)]
    [InlineData(10, 10, 3, 100)]
    [InlineData(0, 10, 0, 0)]
    [InlineData(8, 20, 0, 24)]
    public void Engagement_AdoptionAndBreadth_MapsPerSpec(int used, int available, int departments, double expected)
    {
        var account = WithTelemetry(new() { FeaturesUsed = used, FeaturesAvailable = available, ActiveDepartments = departments });
        Assert.Equal(expected, Read(DefaultSignalScorers.Engagement, account).Value, 6);
    }

    [Fact]
    public void Engagement_ThreeDepartments_SameAsMore()
    {
        double three = Read(DefaultSignalScorers.Engagement, WithTelemetry(new() { FeaturesUsed = 3, FeaturesAvailable = 12, ActiveDepartments = 3 })).Value;
        double twelve = Read(DefaultSignalScorers.Engagement, WithTelemetry(new() { FeaturesUsed = 3, FeaturesAvailable = 12, ActiveDepartments = 12 })).Value;
        double two = Read(DefaultSignalScorers.Engagement, WithTelemetry(new() { FeaturesUsed = 3, FeaturesAvailable = 12, ActiveDepartments = 2 })).Value;
        Assert.Equal(three, twelve);
        Assert.True(two < three);
    }

    [Fact]
    public void Engagement_MissingData_IsMissingNotThrowing()
    {
        Assert.False(Read(DefaultSignalScorers.Engagement, WithTelemetry(new() { FeaturesUsed = 3 })).IsPresent);
        Assert.False(Read(DefaultSignalScorers.Engagement, WithTelemetry(new() { FeaturesUsed = 3, FeaturesAvailable = 0, ActiveDepartments = 1 })).IsPresent);
        Assert.False(Read(DefaultSignalScorers.Engagement, WithTelemetry(new() { FeaturesUsed = 3, FeaturesAvailable = 5 })).IsPresent);
    }

    // ---- Champion: level points, +5 sponsor, halved after 90 days ----

    [Theory]
    [InlineData(ChampionLevel.None, 0)]
    [InlineData(ChampionLevel.Manager, 40)]
    [InlineData(ChampionLevel.Director, 70)]
    [InlineData(ChampionLevel.VP, 85)]
    [InlineData(ChampionLevel.CLevel, 95)]
    public void Champion_Level_ScoresItsPoints(ChampionLevel level, double expected)
    {
        Assert.Equal(expected, DefaultSignalScorers.ChampionPoints(level));
        Assert.Equal(expected, Read(DefaultSignalScorers.Champion, WithTelemetry(new() { ChampionLevel = level })).Value);
    }

    [Fact]
    public void Champion_ExecSponsor_AddsFive()
    {
        Assert.Equal(75, Read(DefaultSignalScorers.Champion, WithTelemetry(new() { ChampionLevel = ChampionLevel.Director, ExecSponsor = true })).Value);
        Assert.Equal(70, Read(DefaultSignalScorers.Champion, WithTelemetry(new() { ChampionLevel = ChampionLevel.Director, ExecSponsor = false })).Value);
    }

    [Fact]
    public void Champion_CLevelWithSponsor_IsHundred()
    {
        Assert.Equal(100, Read(DefaultSignalScorers.Champion, WithTelemetry(new() { ChampionLevel = ChampionLevel.CLevel, ExecSponsor = true })).Value);
    }

    [Theory]
    [InlineData(0, 90)]
    [InlineData(90, 90)]   // 90 days is not "older than 90 days"
    [InlineData(91, 45)]   // 91 is: halved
    [InlineData(400, 45)]
    public void Champion_LastTouch_HalvedOnlyAfterNinetyDays(int days, double expected)
    {
        var account = WithTelemetry(new() { ChampionLevel = ChampionLevel.VP, ExecSponsor = true, ChampionLastTouchDays = days });
        Assert.Equal(expected, Read(DefaultSignalScorers.Champion, account).Value);
    }

    [Fact]
    public void Champion_NoLevel_IsMissing()
    {
        Assert.False(Read(DefaultSignalScorers.Champion, WithTelemetry(new() { ExecSponsor = true })).IsPresent);
    }

    [Fact]
    public void ChampionPoints_Undefined_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultSignalScorers.ChampionPoints((ChampionLevel)99));
    }

    // ---- Triggers: points decaying with a 30-day half-life, clamped at 100 ----

    [Theory]
    [InlineData(TriggerEventKind.FundingRound, 40)]
    [InlineData(TriggerEventKind.ChampionPromotion, 35)]
    [InlineData(TriggerEventKind.HiringSpree, 30)]
    [InlineData(TriggerEventKind.IntegrationGoLive, 30)]
    [InlineData(TriggerEventKind.UsageLimitHit, 25)]
    [InlineData(TriggerEventKind.SeatThresholdCrossed, 25)]
    [InlineData(TriggerEventKind.PremiumFeatureAttempted, 20)]
    [InlineData(TriggerEventKind.NewDepartmentActive, 20)]
    [InlineData(TriggerEventKind.TeamInviteBurst, 15)]
    public void Triggers_EventOnAsOfDate_ScoresFullPoints(TriggerEventKind kind, double points)
    {
        Assert.Equal(points, DefaultSignalScorers.TriggerPoints(kind));
        var account = WithTelemetry(new() { TriggerEvents = [new TriggerEvent(kind, TestData.AsOf)] });
        Assert.Equal(points, Read(DefaultSignalScorers.Triggers, account).Value, 9);
    }

    [Theory]
    [InlineData(30, 20)]
    [InlineData(60, 10)]
    [InlineData(90, 5)]
    [InlineData(15, 28.2842712475)] // 40 × 0.5^0.5
    public void Triggers_OlderEvent_DecaysWithThirtyDayHalfLife(int ageDays, double expected)
    {
        var account = WithTelemetry(new() { TriggerEvents = [new TriggerEvent(TriggerEventKind.FundingRound, TestData.AsOf.AddDays(-ageDays))] });
        Assert.Equal(expected, Read(DefaultSignalScorers.Triggers, account).Value, 6);
    }

    [Fact]
    public void Triggers_SeveralEvents_AreSummed()
    {
        var account = WithTelemetry(new()
        {
            TriggerEvents =
            [
                new TriggerEvent(TriggerEventKind.HiringSpree, TestData.AsOf),                 // 30
                new TriggerEvent(TriggerEventKind.UsageLimitHit, TestData.AsOf.AddDays(-30)), // 12.5
            ],
        });
        Assert.Equal(42.5, Read(DefaultSignalScorers.Triggers, account).Value, 9);
    }

    [Fact]
    public void Triggers_FutureEvent_IsIgnored()
    {
        var account = WithTelemetry(new()
        {
            TriggerEvents =
            [
                new TriggerEvent(TriggerEventKind.FundingRound, TestData.AsOf.AddDays(1)),
                new TriggerEvent(TriggerEventKind.TeamInviteBurst, TestData.AsOf),
            ],
        });
        Assert.Equal(15, Read(DefaultSignalScorers.Triggers, account).Value, 9);
    }

    [Fact]
    public void Triggers_SameEventsLaterAsOf_DecayFromEventDateToAsOf()
    {
        var account = WithTelemetry(new() { TriggerEvents = [new TriggerEvent(TriggerEventKind.FundingRound, TestData.AsOf)] });
        Assert.Equal(40, Read(DefaultSignalScorers.Triggers, account, TestData.AsOf).Value, 9);
        Assert.Equal(20, Read(DefaultSignalScorers.Triggers, account, TestData.AsOf.AddDays(30)).Value, 9);
        Assert.Equal(0, Read(DefaultSignalScorers.Triggers, account, TestData.AsOf.AddDays(-1)).Value);
    }

    [Fact]
    public void Triggers_SumAboveHundred_ClampedToHundred()
    {
        var account = WithTelemetry(new()
        {
            TriggerEvents =
            [
                new TriggerEvent(TriggerEventKind.FundingRound, TestData.AsOf),
                new TriggerEvent(TriggerEventKind.ChampionPromotion, TestData.AsOf),
                new TriggerEvent(TriggerEventKind.HiringSpree, TestData.AsOf),
            ],
        });
        Assert.Equal(100, Read(DefaultSignalScorers.Triggers, account).Value);
    }

    [Fact]
    public void Triggers_EmptyList_IsZeroButNullIsMissing()
    {
        var none = Read(DefaultSignalScorers.Triggers, WithTelemetry(new() { TriggerEvents = [] }));
        Assert.True(none.IsPresent);
        Assert.Equal(0, none.Value);
        var unknown = Read(DefaultSignalScorers.Triggers, WithTelemetry(new()));
        Assert.False(unknown.IsPresent);
        Assert.Equal("no trigger-event feed", unknown.MissingReason);
    }

    [Fact]
    public void TriggerPoints_Undefined_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultSignalScorers.TriggerPoints((TriggerEventKind)99));
    }

    [Fact]
    public void All_OneScorerPerBuiltInSignalInCanonicalOrder()
    {
        Assert.Equal(SignalKey.BuiltIn, DefaultSignalScorers.All.Select(s => s.Key));
    }

    [Fact]
    public void Explain_TelemetryOnly_DerivesEachSignalThroughTheModel()
    {
        var account = new Account
        {
            Id = "telemetry",
            SeatsActive = 46,
            SeatsPurchased = 50,
            Telemetry = new AccountTelemetry
            {
                UsageTrendPercent = 15,
                FeaturesUsed = 5,
                FeaturesAvailable = 10,
                ActiveDepartments = 3,
                ChampionLevel = ChampionLevel.VP,
                ExecSponsor = true,
                ChampionLastTouchDays = 91,
                TriggerEvents = [new TriggerEvent(TriggerEventKind.FundingRound, TestData.AsOf.AddDays(-30))],
            },
        };

        var explained = ScoringModel.Default.Explain(account, TestData.AsOf);

        var values = explained.Signals.ToDictionary(s => s.Signal, s => s.Value);
        Assert.Equal(92, values["PlanFit"]!.Value, 9);
        Assert.Equal(75, values["Velocity"]!.Value, 9);
        Assert.Equal(70, values["Engagement"]!.Value, 9);
        Assert.Equal(45, values["Champion"]!.Value, 9);
        Assert.Equal(20, values["Triggers"]!.Value, 9);
        Assert.All(explained.Signals, s => Assert.Equal(SignalSource.Derived, s.Source));
        // 0.30×92 + 0.25×75 + 0.15×70 + 0.20×45 + 0.10×20 = 67.85
        Assert.Equal(67.85, explained.Composite, 9);
    }

    [Fact]
    public void Score_DirectValueAndTelemetry_DirectWins()
    {
        var account = new Account
        {
            Id = "a",
            Signals = SignalValues.Of(velocity: 10),
            Telemetry = new AccountTelemetry { UsageTrendPercent = 30 },
        };
        var velocity = ScoringModel.Default.Explain(account, TestData.AsOf).Signals.Single(s => s.Signal == "Velocity");
        Assert.Equal(10, velocity.Value);
        Assert.Equal(SignalSource.Direct, velocity.Source);
    }
}
