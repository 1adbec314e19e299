using ExpansionScoring.Reporting;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Reporting;

/// <summary>
/// The report card's rules at their boundaries (SPEC §10): the 85 % saturation threshold, the Saturated zone, operating
/// blind and systematic feed, instrument first, the ARR-weighted scores, and the options that make two parts mergeable.
/// </summary>
public class ReportCardTallyTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    private static ReportCard Card(IEnumerable<Account> accounts, ReportCardOptions? options = null)
        => Portfolio.Create(ScoringModel.Default, accounts, AsOf, new PortfolioOptions { ReportCard = options ?? new() }).ReportCard;

    // Composite 30, probability 32: Watch, pitched within 60 days, never Now, never gated.
    private static Account Watch(string id, double arr, double? saturation = null, double triggers = 30, double signal = 30)
        => new() { Id = id, Arr = arr, SeatSaturation = saturation, Signals = SignalValues.Of(signal, signal, signal, signal, triggers) };

    [Fact]
    public void Saturation_ExactlyAtThe85PercentThreshold_Counts_AndJustBelowItDoesNot()
    {
        var card = Card(
        [
            Watch("at", 100, 0.85),
            Watch("within-epsilon", 200, 0.85 - 5e-10),
            Watch("below", 300, 0.85 - 2e-9),
            Watch("half", 400, 0.5),
            Watch("low", 1000, 0.2),
        ]);

        var saturation = card.Get(ReportDimension.PlanFitSaturation);
        Assert.Equal(0.4, card.SaturatedShare!.Value, 12);
        Assert.False(card.IsSaturatedZone); // 40 % is not above the 40 % zone share
        Assert.Equal(0.4, saturation.Measure!.Value, 12);
        Assert.Equal(50, saturation.Score!.Value, 9);                 // 100 × (1 − 0.4 / 0.8)
        Assert.Equal(100 * (1 - (300.0 / 2000 / 0.8)), saturation.ArrWeightedScore!.Value, 9);
        Assert.Equal("40 % of accounts with seat data are at or above 85 % of seats and not pitched now (40 % saturated)", saturation.Detail);
    }

    [Fact]
    public void Saturation_AboveTheZoneShare_FlagsTheSaturatedZone()
    {
        var card = Card([Watch("a", 100, 0.9), Watch("b", 100, 0.95), Watch("c", 100, 1.2), Watch("d", 100, 0.1), Watch("e", 100, 0.1)]);

        Assert.True(card.IsSaturatedZone);
        Assert.Equal(0.6, card.SaturatedShare!.Value, 12);
        Assert.Equal(25, card.Get(ReportDimension.PlanFitSaturation).Score!.Value, 9);
        Assert.Equal("60 % of accounts with seat data are at or above 85 % of seats and not pitched now (60 % saturated — Saturated zone)", card.Get(ReportDimension.PlanFitSaturation).Detail);
    }

    [Fact]
    public void Saturation_WithoutSeatData_ReadsPlanFit()
    {
        var card = Card([Watch("pf", 100, signal: 30) with { Signals = SignalValues.Of(90, 30, 30, 30, 30) }, Watch("none", 100, signal: 30) with { Signals = SignalValues.Of(null, 30, 30, 30, 30) }]);

        Assert.Equal(1, card.SaturatedShare); // 0.90 from PlanFit; the account with neither is not counted
    }

    [Theory]
    [InlineData(0, 0.0, " — operating blind")]
    [InlineData(1, 50.0, "")]                        // exactly the 20 % blind share: not blind
    [InlineData(2, 75.0, "")]
    [InlineData(3, 100.0, "")]                       // exactly the 60 % systematic share: not yet a feed
    [InlineData(4, 100.0, " — a systematic feed")]
    public void TriggerCapture_AtTheBlindAndSystematicShares(int triggered, double points, string flag)
    {
        var accounts = Enumerable.Range(0, 5).Select(i => Watch($"a{i}", 100 * (i + 1), triggers: i < triggered ? 10 : 0));

        var trigger = Card(accounts).Get(ReportDimension.TriggerCapture);

        Assert.Equal(points, trigger.Score!.Value, 9);
        Assert.Equal(FormattableString.Invariant($"{triggered * 20} % of accounts show a trigger event{flag}"), trigger.Detail);
    }

    [Fact]
    public void TriggerCapture_ArrWeighted_CountsTheTriggeredArr()
    {
        // 1 of 5 accounts (20 %, 50 points) but 1,000 of 2,000 ARR (50 %: 50 + 50 × 0.3 / 0.4 = 87.5 points).
        var card = Card([Watch("big", 1000, triggers: 5), Watch("b", 250, triggers: 0), Watch("c", 250, triggers: 0), Watch("d", 250, triggers: 0), Watch("e", 250, triggers: 0)]);

        var trigger = card.Get(ReportDimension.TriggerCapture);
        Assert.Equal(50, trigger.Score!.Value, 9);
        Assert.Equal(87.5, trigger.ArrWeightedScore!.Value, 9);
    }

    [Fact]
    public void TriggerCapture_ASignalMustBeAboveTheMinimum()
    {
        var options = new ReportCardOptions { TriggerMinSignal = 10 };

        var trigger = Card([Watch("at", 100, triggers: 10), Watch("above", 100, triggers: 10.5), Watch("b", 100, triggers: 0), Watch("c", 100, triggers: 0), Watch("d", 100, triggers: 0)], options).Get(ReportDimension.TriggerCapture);

        Assert.Equal(0.2, trigger.Measure!.Value, 12);
    }

    [Fact]
    public void Coverage_MeaningfulSignalAtTheEdge_AndInstrumentFirst()
    {
        // Of ten accounts, one has a signal of exactly 60 and one of 60 − 5e-10: 20 % → 48 points, below 50 → instrument first.
        var accounts = new List<Account> { Watch("at", 100, signal: 60), Watch("eps", 100, signal: 60 - 5e-10), Watch("below", 100, signal: 60 - 2e-9) };
        accounts.AddRange(Enumerable.Range(0, 7).Select(i => Watch($"w{i}", 100)));
        var options = new ReportCardOptions { InstrumentFirstBelow = 50 };

        var card = Card(accounts, options);

        var coverage = card.Get(ReportDimension.Coverage);
        Assert.Equal(0.2, coverage.Measure!.Value, 12);
        Assert.Equal(48, coverage.Score!.Value, 9);
        Assert.True(card.InstrumentFirst);
        Assert.Equal("20 % of accounts have a signal of 60 or more — instrument before pitching", coverage.Detail);

        var notBelow = Card(accounts, new ReportCardOptions { InstrumentFirstBelow = 48 });
        Assert.False(notBelow.InstrumentFirst);
        Assert.Equal("20 % of accounts have a signal of 60 or more", notBelow.Get(ReportDimension.Coverage).Detail);
    }

    [Fact]
    public void ArrWeightedScores_FollowTheArrNotTheCount()
    {
        // Hot: composite 90 → p 86, Now (Triggers 90 ≥ 60). Watch: p 32. ARR 9,000 Hot vs 1,000 spread over three Watch.
        var hot = new Account { Id = "hot", Arr = 9000, SeatSaturation = 0.95, Signals = SignalValues.Of(90, 90, 90, 90, 90) };
        var card = Card([hot, Watch("w1", 500, 0.9), Watch("w2", 250, 0.1), Watch("w3", 250, 0.1, signal: 70)]);

        Assert.Equal(92.5, card.Get(ReportDimension.AccountExpansion).Score!.Value, 9);          // a share of ARR either way: hot and w3 (Warm)
        Assert.Equal(92.5, card.Get(ReportDimension.AccountExpansion).ArrWeightedScore!.Value, 9);
        Assert.Equal(100 * (1 - (0.25 / 0.8)), card.Get(ReportDimension.PlanFitSaturation).Score!.Value, 9);           // w1 only
        Assert.Equal(100 * (1 - (500.0 / 10_000 / 0.8)), card.Get(ReportDimension.PlanFitSaturation).ArrWeightedScore!.Value, 9);
        Assert.Equal((90 + 30 + 30 + 70) / 4.0, card.Get(ReportDimension.ChampionStrength).Score!.Value, 9);
        Assert.Equal(((9000 * 90) + (500 * 30) + (250 * 30) + (250 * 70)) / 10_000.0, card.Get(ReportDimension.ChampionStrength).ArrWeightedScore!.Value, 9);
        Assert.Equal(100, card.Get(ReportDimension.TimeToPitch).Score!.Value, 9);
        Assert.Equal(Math.Min(100, 0.5 * 60 / 0.25), card.Get(ReportDimension.Coverage).Score!.Value, 9);              // hot and w3: 2 of 4
        Assert.Equal(100, card.Get(ReportDimension.Coverage).ArrWeightedScore!.Value, 9);                              // 92.5 % of ARR
        double mean = card.Dimensions.Where(d => d.ArrWeightedScore is not null).Average(d => d.ArrWeightedScore!.Value);
        Assert.Equal(mean, card.ArrWeightedScore!.Value, 9);
        Assert.Equal(ReportCard.LetterFor(mean), card.ArrWeightedGrade);
        Assert.NotEqual(card.Score, card.ArrWeightedScore);
    }

    [Fact]
    public void TimeToPitch_CountsOnlyTopBandAccountsThatAreNotGated()
    {
        var now = new Account { Id = "now", Arr = 100, Signals = SignalValues.Of(90, 90, 90, 90, 90) };
        var notNow = new Account { Id = "quiet", Arr = 300, Signals = SignalValues.Of(95, 95, 95, 95, 40) };
        var gated = new Account { Id = "gated", Arr = 5000, HealthScore = 10, Signals = SignalValues.Of(95, 95, 95, 95, 95) };

        var pitch = Card([now, notNow, gated]).Get(ReportDimension.TimeToPitch);

        Assert.Equal(50, pitch.Score!.Value, 9);
        Assert.Equal(25, pitch.ArrWeightedScore!.Value, 9);
        Assert.Equal("50 % of pitchable Hot accounts are in Now", pitch.Detail);
    }

    [Theory]
    [InlineData(50.0, 2)]          // Hot and Warm
    [InlineData(50.0000000005, 2)] // within the epsilon: Warm still counts
    [InlineData(50.000001, 1)]     // Hot only
    public void AccountExpansion_CountsTheBandsFromTheExpansionMinimum(double minimum, int bands)
    {
        var warm = new Account { Id = "warm", Arr = 100, Signals = SignalValues.Of(60, 60, 60, 60, 60) }; // p 59
        var card = Card([warm, Watch("w", 300)], new ReportCardOptions { ExpansionBandMinProbability = minimum });

        Assert.Equal(bands == 2 ? 25 : 0, card.Get(ReportDimension.AccountExpansion).Score!.Value, 9);
        Assert.StartsWith(bands == 2 ? "25 % of book ARR is in Hot + Warm" : "0 % of book ARR is in Hot", card.Get(ReportDimension.AccountExpansion).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DataCoverage_IsTheObservedShareOfTheWeights_CountAndArrWeighted()
    {
        // MidMarketBalanced: PF .30 V .25 E .15 C .20 T .10. "part" has PlanFit and Velocity only: 0.55 of the weight.
        var full = Watch("full", 100);
        var part = new Account { Id = "part", Arr = 300, Signals = SignalValues.Of(30, 30, null, null, null) };

        var card = Card([full, part]);

        Assert.Equal((1 + 0.55) / 2, card.DataCoverage!.Value, 9);
        Assert.Equal(((100 * 1) + (300 * 0.55)) / 400, card.ArrWeightedDataCoverage!.Value, 9);
        Assert.Equal(0.5, card.SignalCoverage["Champion"]);
        Assert.Equal(1, card.SignalCoverage["PlanFit"]);
    }

    public static TheoryData<string, Action<ReportCardOptions>> EachOption => new()
    {
        { "ExpansionBandMinProbability", o => o.ExpansionBandMinProbability = 49 },
        { "SaturationThreshold", o => o.SaturationThreshold = 0.8 },
        { "SaturatedZoneShare", o => o.SaturatedZoneShare = 0.5 },
        { "SaturationZeroPointsShare", o => o.SaturationZeroPointsShare = 0.9 },
        { "TriggerMinSignal", o => o.TriggerMinSignal = 1 },
        { "TriggerBlindShare", o => o.TriggerBlindShare = 0.1 },
        { "TriggerSystematicShare", o => o.TriggerSystematicShare = 0.7 },
        { "MeaningfulSignal", o => o.MeaningfulSignal = 55 },
        { "CoverageAnchorShare", o => o.CoverageAnchorShare = 0.3 },
        { "CoverageAnchorPoints", o => o.CoverageAnchorPoints = 50 },
        { "InstrumentFirstBelow", o => o.InstrumentFirstBelow = 30 },
        { "LetterScale", o => o.LetterScale = [new() { Letter = "Pass", MinScore = 50 }, new() { Letter = "Fail", MinScore = 0 }] },
    };

    [Theory]
    [MemberData(nameof(EachOption))]
    public void Merge_PartsWithAnyReportCardOptionDifferent_IsRefused(string option, Action<ReportCardOptions> change)
    {
        var changed = new ReportCardOptions();
        change(changed);
        var left = new PortfolioAccumulator(ScoringModel.Default, AsOf, new PortfolioOptions { ReportCard = new() });
        var same = new PortfolioAccumulator(ScoringModel.Default, AsOf, new PortfolioOptions { ReportCard = new() });
        var other = new PortfolioAccumulator(ScoringModel.Default, AsOf, new PortfolioOptions { ReportCard = changed });

        var ex = Assert.Throws<ArgumentException>(() => left.Merge(other));

        Assert.StartsWith("Cannot merge portfolios built with different options.", ex.Message, StringComparison.Ordinal);
        left.Merge(same); // equal options merge, whichever instance holds them
        Assert.NotEmpty(option);
    }

    [Fact]
    public void Merge_OfTwoParts_GivesTheCardOfTheWhole()
    {
        var accounts = new[] { Watch("a", 100, 0.9, triggers: 10), Watch("b", 200, 0.1, signal: 70), Watch("c", 300), new Account { Id = "h", Arr = 400, Signals = SignalValues.Of(90, 90, 90, 90, 90) } };
        var left = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var right = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        left.Add(accounts[0]);
        left.Add(accounts[1]);
        right.Add(accounts[2]);
        right.Add(accounts[3]);

        left.Merge(right);
        var merged = left.ToPortfolio().ReportCard;
        var whole = Card(accounts);

        Assert.Equal(whole.Score, merged.Score);
        Assert.Equal(whole.ArrWeightedScore, merged.ArrWeightedScore);
        Assert.Equal(whole.DataCoverage, merged.DataCoverage);
        Assert.Equal(whole.ArrWeightedDataCoverage, merged.ArrWeightedDataCoverage);
        Assert.Equal(whole.SaturatedShare, merged.SaturatedShare);
        Assert.Equal(whole.SignalCoverage, merged.SignalCoverage);
        Assert.Equal(whole.Dimensions.Select(d => (d.Measure, d.Score, d.ArrWeightedScore, d.Detail)), merged.Dimensions.Select(d => (d.Measure, d.Score, d.ArrWeightedScore, d.Detail)));
    }
}
