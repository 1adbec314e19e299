using ExpansionScoring.Gates;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>
/// Rules of the scoring model at their exact boundaries, each checked on the scoring path and the explain path:
/// the gates (SPEC §8), signal staleness, the renewal window (SPEC §7), the loudest signal and confidence.
/// </summary>
public class ScoringModelRuleTests
{
    private static readonly DateOnly AsOf = TestData.AsOf; // 2026-03-02

    private static GateCheck Check(ScoringModel model, Account account, GateFlags gate) => model.GateChecks(account, AsOf).Single(g => g.Gate == gate);

    [Theory]
    [InlineData("2025-09-02", GateStatus.Passed, "tenure since 2025-09-02 is at least 6 months")]
    [InlineData("2025-09-03", GateStatus.Blocked, "tenure since 2025-09-03 is under 6 months")]
    [InlineData("2026-03-02", GateStatus.Blocked, "tenure since 2026-03-02 is under 6 months")]
    [InlineData("2020-01-01", GateStatus.Passed, "tenure since 2020-01-01 is at least 6 months")]
    public void TenureGate_AtSixMonths(string start, GateStatus status, string detail)
    {
        var account = TestData.Uniform(80) with { ContractStartDate = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture) };

        var check = Check(ScoringModel.Default, account, GateFlags.Tenure);
        var score = ScoringModel.Default.Score(account, AsOf);

        Assert.Equal(status, check.Status);
        Assert.Equal(detail, check.Detail);
        Assert.Equal(status == GateStatus.Blocked, score.GatesBlocked.HasFlag(GateFlags.Tenure));
        Assert.Equal(status == GateStatus.Blocked, score.IsGated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(13)]
    public void TenureGate_EveryStartDateOverTwoYears_AgreesWithTheCalendar(int months)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new() { MinTenureMonths = months } });
        for (int back = -3; back <= 740; back++)
        {
            var start = AsOf.AddDays(-back);
            var account = TestData.Uniform(80) with { ContractStartDate = start };
            bool blocked = start.AddMonths(months) > AsOf;

            Assert.Equal(blocked, model.Score(account, AsOf).GatesBlocked.HasFlag(GateFlags.Tenure));
            Assert.Equal(blocked ? GateStatus.Blocked : GateStatus.Passed, Check(model, account, GateFlags.Tenure).Status);
        }
    }

    [Fact]
    public void TenureGate_WithoutAStartDateOrSwitchedOff()
    {
        var account = TestData.Uniform(80);
        var off = ScoringModel.Create(new ExpansionScoringOptions { Gates = new() { TenureEnabled = false } });

        Assert.Equal(GateStatus.NotEvaluated, Check(ScoringModel.Default, account, GateFlags.Tenure).Status);
        Assert.Equal("no contract start date: tenure gate not evaluated", Check(ScoringModel.Default, account, GateFlags.Tenure).Detail);
        Assert.True(ScoringModel.Default.Score(account, AsOf).GatesNotEvaluated.HasFlag(GateFlags.Tenure));
        Assert.Equal(GateStatus.Disabled, Check(off, account with { ContractStartDate = AsOf }, GateFlags.Tenure).Status);
        Assert.Equal("tenure gate is off", Check(off, account, GateFlags.Tenure).Detail);
        Assert.False(off.Score(account with { ContractStartDate = AsOf }, AsOf).IsGated);
        Assert.False(off.Score(account, AsOf).GatesNotEvaluated.HasFlag(GateFlags.Tenure));
    }

    [Theory]
    [InlineData(0, 0, GateStatus.Passed, "0 open P1/P2 ticket(s)")]
    [InlineData(0, 1, GateStatus.Blocked, "1 open P1/P2 ticket(s), at most 0 allowed")]
    [InlineData(2, 2, GateStatus.Passed, "2 open P1/P2 ticket(s)")]
    [InlineData(2, 3, GateStatus.Blocked, "3 open P1/P2 ticket(s), at most 2 allowed")]
    public void TicketGate_CountsOpenTicketsAgainstTheMaximum(int max, int tickets, GateStatus status, string detail)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new() { MaxOpenP1P2Tickets = max } });
        var account = TestData.Uniform(80) with { OpenP1P2Tickets = tickets };

        var check = Check(model, account, GateFlags.SupportTickets);

        Assert.Equal(status, check.Status);
        Assert.Equal(detail, check.Detail);
        Assert.Equal(status == GateStatus.Blocked, model.Score(account, AsOf).GatesBlocked.HasFlag(GateFlags.SupportTickets));
        Assert.Equal(status == GateStatus.Blocked ? 0 : model.Score(account, AsOf).Opportunity, model.Explain(account, AsOf).Opportunity);
    }

    [Fact]
    public void TicketGate_WithoutACountOrSwitchedOff()
    {
        var off = ScoringModel.Create(new ExpansionScoringOptions { Gates = new() { SupportTicketsEnabled = false } });

        Assert.Equal("no support-ticket count: support gate not evaluated", Check(ScoringModel.Default, TestData.Uniform(80), GateFlags.SupportTickets).Detail);
        Assert.Equal(GateStatus.Disabled, Check(off, TestData.Uniform(80) with { OpenP1P2Tickets = 9 }, GateFlags.SupportTickets).Status);
        Assert.Equal("support-ticket gate is off", Check(off, TestData.Uniform(80), GateFlags.SupportTickets).Detail);
        Assert.False(off.Score(TestData.Uniform(80) with { OpenP1P2Tickets = 9 }, AsOf).IsGated);
    }

    [Theory]
    [InlineData(60, GateStatus.Passed, "health score 60 is at least 60")]
    [InlineData(59.9, GateStatus.Blocked, "health score 59.9 is below 60")]
    public void HealthGate_AtTheMinimum(double health, GateStatus status, string detail)
    {
        var account = TestData.Uniform(80) with { HealthScore = health };

        Assert.Equal(status, Check(ScoringModel.Default, account, GateFlags.Health).Status);
        Assert.Equal(detail, Check(ScoringModel.Default, account, GateFlags.Health).Detail);
        Assert.Equal(status == GateStatus.Blocked, ScoringModel.Default.Score(account, AsOf).GatesBlocked.HasFlag(GateFlags.Health));
    }

    [Theory]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void Staleness_ADirectValueObservedMoreThanTheMaximumDaysAgo_IsMissing_OnBothPaths(int daysAgo, bool present)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MaxSignalAgeDays = 90 });
        var observed = AsOf.AddDays(-daysAgo);
        var account = TestData.Uniform(80) with { Signals = SignalValues.Of(null, 80, 80, 80, 80).With(SignalKey.PlanFit, 20, observed) };

        var score = model.Score(account, AsOf);
        var explained = model.Explain(account, AsOf);
        var planFit = explained.Signals.Single(s => s.Signal == "PlanFit");

        Assert.Equal(present ? 0 : 1, score.MissingSignalCount);
        Assert.Equal(present ? 20 : null, planFit.Value);
        Assert.Equal(present ? SignalSource.Direct : default, planFit.Source);
        Assert.Equal(present ? null : $"stale: observed {observed:yyyy-MM-dd}, 91 days before the as-of date (max 90)", planFit.MissingReason);
        Assert.Equal(present ? [] : ["PlanFit"], explained.MissingSignals);
        Assert.Equal(score.Composite, explained.Composite);
    }

    [Fact]
    public void Staleness_PerSignalMaximum_OverridesTheGeneralOne()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MaxSignalAgeDays = 365, SignalMaxAgeDays = new(StringComparer.OrdinalIgnoreCase) { ["velocity"] = 7 } });
        var account = TestData.Uniform(80) with { Signals = SignalValues.Of(80, null, 80, 80, 80).With(SignalKey.Velocity, 80, AsOf.AddDays(-8)).With(SignalKey.PlanFit, 80, AsOf.AddDays(-300)) };

        Assert.Equal(["Velocity"], model.Explain(account, AsOf).MissingSignals);
        Assert.Equal(1, model.Score(account, AsOf).MissingSignalCount);
    }

    [Theory]
    [InlineData(60, PitchWindow.Next30Days)]
    [InlineData(61, PitchWindow.Nurture)]
    public void Next30RenewalBands_Configured_ApplyToThoseBandsWithinTheDays(int daysToRenewal, PitchWindow expected)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Windows = new() { Next30RenewalBands = ["Cold"] } });
        var cold = TestData.Uniform(10) with { DaysToRenewal = daysToRenewal };

        var explained = model.Explain(cold, AsOf);

        Assert.Equal(expected, model.Score(cold, AsOf).Window);
        Assert.Equal(expected, explained.Window);
        Assert.Equal(expected == PitchWindow.Next30Days ? $"Cold with renewal in {daysToRenewal} days (≤ 60) — pitch within 30 days" : "Cold — nurture", explained.WindowReason);
        Assert.Equal(PitchWindow.Nurture, ScoringModel.Default.Score(cold, AsOf).Window); // by default only Watch renews into 30 days
    }

    [Fact]
    public void Next30RenewalBands_WithoutARenewalDate_DoNotApply()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Windows = new() { Next30RenewalBands = ["Cold"] } });

        Assert.Equal(PitchWindow.Nurture, model.Score(TestData.Uniform(10), AsOf).Window);
    }

    [Fact]
    public void LoudestSignal_Tie_GoesToTheFirstSignalOfTheModel()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Weights = new() { ["PlanFit"] = 1, ["Velocity"] = 1, ["Engagement"] = 1 } });
        Assert.Equal(SignalKey.BuiltIn, model.Signals);
        Assert.Equal([SignalKey.PlanFit, SignalKey.Velocity, SignalKey.Engagement, SignalKey.Champion, SignalKey.Triggers], model.Signals.Take(5));

        var tie = TestData.Account(planFit: 50, velocity: 50, engagement: 40);
        var velocityAhead = TestData.Account(planFit: 50, velocity: 50.001, engagement: 40);
        var lastAhead = TestData.Account(planFit: 10, velocity: 20, engagement: 30);

        Assert.Equal(SignalKey.PlanFit, model.Score(tie, AsOf).LoudestSignal);
        Assert.Equal("PlanFit", model.Explain(tie, AsOf).LoudestSignal);
        Assert.Equal(SignalKey.Velocity, model.Score(velocityAhead, AsOf).LoudestSignal);
        Assert.Equal(SignalKey.Engagement, model.Score(lastAhead, AsOf).LoudestSignal);
    }

    [Fact]
    public void LoudestSignal_NoSignalPresent_IsNone()
    {
        var score = ScoringModel.Default.Score(TestData.Account(), AsOf);

        Assert.True(score.LoudestSignal.IsDefault);
        Assert.Null(ScoringModel.Default.Explain(TestData.Account(), AsOf).LoudestSignal);
    }

    [Theory]
    [InlineData(0, Confidence.High)]
    [InlineData(1, Confidence.Medium)]
    [InlineData(2, Confidence.Medium)]
    [InlineData(3, Confidence.Low)]
    public void Confidence_FollowsTheMissingCount(int missing, Confidence expected)
    {
        double?[] v = [50, 50, 50, 50, 50];
        for (int i = 0; i < missing; i++)
        {
            v[4 - i] = null;
        }

        var account = TestData.Account(v[0], v[1], v[2], v[3], v[4]);

        Assert.Equal(expected, ScoringModel.Default.Score(account, AsOf).Confidence);
        Assert.Equal(expected, ScoringModel.Default.Explain(account, AsOf).Confidence);
    }
}
