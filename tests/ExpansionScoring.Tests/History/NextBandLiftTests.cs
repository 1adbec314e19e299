using ExpansionScoring.History;
using ExpansionScoring.Signals;
using ExpansionScoring.Tests.Portfolios;

namespace ExpansionScoring.Tests.History;

public class NextBandLiftTests
{
    private static readonly DateOnly AsOf = HandBook.AsOf;

    [Fact]
    public void Find_ChampionCheapest_ChampionPlus12ToHot()
    {
        // PF and V are maxed; 30 + 25 + 0.15 × 60 + 0.20 × C + 0.10 × 50 ≥ 77.78 (p ≥ 75) needs C ≥ 43.9:
        // Champion 32 → 44 is +12 (43 gives p 74.84). Engagement would need +16, Triggers +24.
        var account = new Account { Id = "a", Name = "Acme Corp", Signals = SignalValues.Of(100, 100, 60, 32, 50) };

        var lift = NextBandLift.Find(ScoringModel.Default, account, AsOf);

        Assert.NotNull(lift);
        Assert.Equal("Warm", lift.Band);
        Assert.Equal("Hot", lift.TargetBand);
        Assert.Equal("Champion", lift.Signal);
        Assert.Equal(12, lift.Increase);
        Assert.Equal(44, lift.ValueAfter);
        Assert.Equal(75.02, lift.ProbabilityAfter!.Value, 9);
        Assert.Equal("Champion +12 → Hot", lift.Summary);
    }

    [Fact]
    public void Find_AllSeventy_PlanFitPlus26()
    {
        // Composite 70 (p 68) needs +7.78: PlanFit (0.30) +26; Velocity (0.25) would need +31.1 > 30.
        var lift = NextBandLift.Find(ScoringModel.Default, new Account { Id = "a", Signals = SignalValues.Of(70, 70, 70, 70, 70) }, AsOf);

        Assert.Equal("PlanFit +26 → Hot", lift!.Summary);
    }

    [Fact]
    public void Find_NoSingleSignalSuffices_SaysSo()
    {
        // Watch at composite 27.5 (p 29.75): Warm needs composite 50, +22.5 — more than any one signal can give
        // (PlanFit 30 → 100 adds 21, Velocity 17.5, Champion 16, Engagement 10.5, Triggers 10).
        var account = new Account { Id = "a", Signals = SignalValues.Of(30, 30, 30, 20, 0) };

        var lift = NextBandLift.Find(ScoringModel.Default, account, AsOf);

        Assert.Equal("Watch", lift!.Band);
        Assert.Null(lift.Signal);
        Assert.Null(lift.Increase);
        Assert.Equal("no single signal reaches Warm", lift.Summary);
    }

    [Fact]
    public void Find_HotAccount_Null() => Assert.Null(NextBandLift.Find(ScoringModel.Default, HandBook.Acme, AsOf));

    [Fact]
    public void Find_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("model", () => NextBandLift.Find(null!, HandBook.Bolt, AsOf));
        Assert.Throws<ArgumentNullException>("account", () => NextBandLift.Find(ScoringModel.Default, null!, AsOf));
    }
}
