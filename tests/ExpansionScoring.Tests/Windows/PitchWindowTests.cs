using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Windows;

/// <summary>SPEC §7: every account lands in exactly one pitch window, by the rules in order.</summary>
public class PitchWindowTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    private static AccountScore Score(Account account, DateOnly? asOf = null) => Model.Score(account, asOf ?? TestData.AsOf);

    // Hot: 0.30×100 + 0.25×100 + 0.15×100 + 0.20×100 + 0.10×T, probability ≥ 91 for any T.
    private static Account Hot(double? triggers) => TestData.Account(100, 100, 100, 100, triggers);

    [Theory]
    [InlineData(60, PitchWindow.Now)]
    [InlineData(100, PitchWindow.Now)]
    [InlineData(59.9, PitchWindow.Next30Days)]
    [InlineData(0, PitchWindow.Next30Days)]
    public void Hot_TriggersThreshold_NowOrNext30(double triggers, PitchWindow window)
    {
        var score = Score(Hot(triggers));
        Assert.Equal("Hot", score.Band.Name);
        Assert.Equal(window, score.Window);
        Assert.Equal(window, score.EffectiveWindow);
    }

    [Fact]
    public void Hot_TriggersMissing_Next30()
    {
        var score = Score(Hot(null));
        Assert.Equal("Hot", score.Band.Name);
        Assert.Equal(PitchWindow.Next30Days, score.Window);
    }

    [Fact]
    public void Warm_HighTriggers_StillNext30()
    {
        var score = Score(TestData.Uniform(60).With(triggers: 100));
        Assert.Equal("Warm", score.Band.Name);
        Assert.Equal(PitchWindow.Next30Days, score.Window);
    }

    [Theory]
    [InlineData(60, PitchWindow.Next30Days)]
    [InlineData(0, PitchWindow.Next30Days)]
    [InlineData(61, PitchWindow.Next60Days)]
    [InlineData(365, PitchWindow.Next60Days)]
    public void Watch_DaysToRenewal_Next30OrNext60(int days, PitchWindow window)
    {
        var score = Score(TestData.Uniform(40) with { DaysToRenewal = days });
        Assert.Equal("Watch", score.Band.Name);
        Assert.Equal(window, score.Window);
    }

    [Fact]
    public void Watch_RenewalUnknown_Next60()
    {
        Assert.Equal(PitchWindow.Next60Days, Score(TestData.Uniform(40)).Window);
    }

    [Theory]
    [InlineData(60, PitchWindow.Next30Days)]
    [InlineData(61, PitchWindow.Next60Days)]
    public void Watch_RenewalDate_ResolvedAgainstAsOf(int daysAhead, PitchWindow window)
    {
        var account = TestData.Uniform(40) with { RenewalDate = TestData.AsOf.AddDays(daysAhead) };
        Assert.Equal(window, Score(account).Window);
    }

    [Fact]
    public void Watch_SameRenewalDate_WindowMovesWithAsOf()
    {
        var account = TestData.Uniform(40) with { RenewalDate = new DateOnly(2026, 6, 30) };
        Assert.Equal(PitchWindow.Next60Days, Score(account, new DateOnly(2026, 4, 30)).Window); // 61 days
        Assert.Equal(PitchWindow.Next30Days, Score(account, new DateOnly(2026, 5, 1)).Window);  // 60 days
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(13)] // 5 + 0.9 × (0.9 × 13 + 0.1 × 100) = 24.53
    public void Cold_Nurture(double value)
    {
        var score = Score(TestData.Uniform(value).With(triggers: 100) with { DaysToRenewal = 5 });
        Assert.Equal("Cold", score.Band.Name);
        Assert.Equal(PitchWindow.Nurture, score.Window);
    }

    [Fact]
    public void Explain_WindowReason_SaysWhy()
    {
        Assert.Equal("Hot with Triggers 60 ≥ 60 — pitch this week", Model.Explain(Hot(60), TestData.AsOf).WindowReason);
        Assert.Equal("Warm — pitch within 30 days", Model.Explain(TestData.Uniform(60), TestData.AsOf).WindowReason);
        Assert.Equal("Watch with renewal in 60 days (≤ 60) — pitch within 30 days", Model.Explain(TestData.Uniform(40) with { DaysToRenewal = 60 }, TestData.AsOf).WindowReason);
        Assert.Equal("Watch — pitch within 60 days", Model.Explain(TestData.Uniform(40), TestData.AsOf).WindowReason);
        Assert.Equal("Cold — nurture", Model.Explain(TestData.Uniform(10), TestData.AsOf).WindowReason);
    }

    [Fact]
    public void Create_CustomWindowOptions_Used()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Windows = new WindowOptions { NowMinTriggers = 80, Next30MaxDaysToRenewal = 90, Next60Bands = ["Watch", "Cold"] },
        });
        Assert.Equal(PitchWindow.Next30Days, model.Score(Hot(79), TestData.AsOf).Window);
        Assert.Equal(PitchWindow.Now, model.Score(Hot(80), TestData.AsOf).Window);
        Assert.Equal(PitchWindow.Next30Days, model.Score(TestData.Uniform(40) with { DaysToRenewal = 90 }, TestData.AsOf).Window);
        Assert.Equal(PitchWindow.Next60Days, model.Score(TestData.Uniform(10), TestData.AsOf).Window);
    }

    [Fact]
    public void Create_WindowBandUnknown_IsAProblem()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(new ExpansionScoringOptions
        {
            Windows = new WindowOptions { NowBands = ["Scorching"], NowMinTriggers = 101 },
        }));
        Assert.Equal(
            [
                "Windows:NowBands: 'Scorching' is not a band (bands: Hot, Warm, Watch, Cold).",
                "Windows:NowMinTriggers must be in 0..100, was 101.",
            ],
            ex.Errors);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_AnyAccount_LandsInExactlyOneWindowByTheRulesInOrder(Account account)
    {
        var score = Model.Score(account, TestData.AsOf);
        var explained = Model.Explain(account, TestData.AsOf);
        double? triggers = explained.Signals.Single(s => s.Signal == "Triggers").Value;
        int? days = account.GetDaysToRenewal(TestData.AsOf);

        // SPEC §7 read literally, first rule that holds; a gated account is nurtured (SPEC §8).
        PitchWindow expected = score.IsGated ? PitchWindow.Nurture
            : score.Band.Name == "Hot" && triggers >= 60 ? PitchWindow.Now
            : score.Band.Name is "Hot" or "Warm" || (score.Band.Name == "Watch" && days <= 60) ? PitchWindow.Next30Days
            : score.Band.Name == "Watch" ? PitchWindow.Next60Days
            : PitchWindow.Nurture;

        Assert.True(Enum.IsDefined(score.Window));
        Assert.True(Enum.IsDefined(score.EffectiveWindow));
        Assert.Equal(expected, score.Window);
        Assert.Equal(account.WindowOverride?.Window ?? expected, score.EffectiveWindow);
    }

    public static class Arbitraries
    {
        public static Arbitrary<Account> Accounts() => Generators.Account.ToArbitrary();
    }
}
