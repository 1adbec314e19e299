using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Windows;

/// <summary>SPEC §7: a person's override is kept apart from the computed window; both are kept and reported.</summary>
public class WindowOverrideTests
{
    private static Account ColdWithOverride(DateOnly? expiresOn = null) => TestData.Uniform(10) with
    {
        WindowOverride = new WindowOverride { Window = PitchWindow.Now, Reason = "CEO intro at the summit", Author = "dana", ExpiresOn = expiresOn },
    };

    [Fact]
    public void Score_Override_EffectiveIsOverrideComputedKept()
    {
        var score = ScoringModel.Default.Score(ColdWithOverride(), TestData.AsOf);
        Assert.Equal(PitchWindow.Nurture, score.Window);
        Assert.Equal(PitchWindow.Now, score.EffectiveWindow);
        Assert.True(score.IsWindowOverridden);
    }

    [Fact]
    public void Explain_Override_BothWindowsAndReasonReported()
    {
        var explained = ScoringModel.Default.Explain(ColdWithOverride(), TestData.AsOf);
        Assert.Equal(PitchWindow.Nurture, explained.Window);
        Assert.Equal(PitchWindow.Now, explained.EffectiveWindow);
        Assert.Equal("CEO intro at the summit", explained.WindowOverride!.Reason);
        Assert.Equal("overridden to Now by dana: CEO intro at the summit (computed: Nurture, Cold — nurture)", explained.WindowReason);
    }

    [Fact]
    public void Score_OverrideExpiresOnAsOf_StillApplies()
    {
        var score = ScoringModel.Default.Score(ColdWithOverride(TestData.AsOf), TestData.AsOf);
        Assert.True(score.IsWindowOverridden);
        Assert.Equal(PitchWindow.Now, score.EffectiveWindow);
    }

    [Fact]
    public void Score_OverrideExpired_ComputedWindowIsEffective()
    {
        var account = ColdWithOverride(TestData.AsOf.AddDays(-1));
        var score = ScoringModel.Default.Score(account, TestData.AsOf);
        Assert.False(score.IsWindowOverridden);
        Assert.Equal(PitchWindow.Nurture, score.EffectiveWindow);

        var explained = ScoringModel.Default.Explain(account, TestData.AsOf);
        Assert.NotNull(explained.WindowOverride); // still kept and exported
        Assert.Equal("Cold — nurture (override to Now expired on 2026-03-01)", explained.WindowReason);
    }

    [Fact]
    public void IsActiveOn_HonoursExpiry()
    {
        var o = new WindowOverride { Window = PitchWindow.Next60Days, Reason = "r", ExpiresOn = new DateOnly(2026, 1, 31) };
        Assert.True(o.IsActiveOn(new DateOnly(2026, 1, 31)));
        Assert.False(o.IsActiveOn(new DateOnly(2026, 2, 1)));
        Assert.True(new WindowOverride { Window = PitchWindow.Now, Reason = "r" }.IsActiveOn(DateOnly.MaxValue));
    }

    [Fact]
    public void Init_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowOverride { Window = (PitchWindow)9, Reason = "r" });
        Assert.Throws<ArgumentException>(() => new WindowOverride { Window = PitchWindow.Now, Reason = " " });
        Assert.Throws<ArgumentNullException>(() => new WindowOverride { Window = PitchWindow.Now, Reason = null! });
    }
}
