using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Gates;

/// <summary>SPEC §8: guardrails that keep at-risk accounts from being pitched.</summary>
public class GateOptionsTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    // Hot, Triggers 100, Tier-ready, 200k ARR: pitched Now when no gate blocks.
    private static Account Pitchable() => TestData.Uniform(100, arr: 200_000);

    private static AccountScore Score(Account account, ScoringModel? model = null) => (model ?? Model).Score(account, TestData.AsOf);

    private static GateCheck Check(Account account, GateFlags gate, ScoringModel? model = null)
        => (model ?? Model).GateChecks(account, TestData.AsOf).Single(g => g.Gate == gate);

    [Theory]
    [InlineData(59.9, true)]
    [InlineData(0, true)]
    [InlineData(60, false)]
    [InlineData(100, false)]
    public void Health_BelowSixtyBlocks(double health, bool blocked)
    {
        var score = Score(Pitchable() with { HealthScore = health });
        Assert.Equal(blocked, score.IsGated);
        Assert.Equal(blocked ? GateFlags.Health : GateFlags.None, score.GatesBlocked);
        Assert.Equal(blocked ? GateStatus.Blocked : GateStatus.Passed, Check(Pitchable() with { HealthScore = health }, GateFlags.Health).Status);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(0, false)]
    public void SupportTickets_AnyOpenP1P2Blocks(int tickets, bool blocked)
    {
        var score = Score(Pitchable() with { OpenP1P2Tickets = tickets });
        Assert.Equal(blocked ? GateFlags.SupportTickets : GateFlags.None, score.GatesBlocked);
    }

    [Fact]
    public void Tenure_UnderSixMonthsBlocks_SixMonthsPasses()
    {
        var justUnder = Pitchable() with { ContractStartDate = TestData.AsOf.AddMonths(-6).AddDays(1) };
        var exactlySix = Pitchable() with { ContractStartDate = TestData.AsOf.AddMonths(-6) };
        var brandNew = Pitchable() with { ContractStartDate = TestData.AsOf };
        Assert.Equal(GateFlags.Tenure, Score(justUnder).GatesBlocked);
        Assert.Equal(GateFlags.Tenure, Score(brandNew).GatesBlocked);
        Assert.Equal(GateFlags.None, Score(exactlySix).GatesBlocked);
    }

    [Fact]
    public void Gated_KeepsProbabilityAndBand_OfferNurtureOpportunityZeroWindowNurture()
    {
        var open = Score(Pitchable());
        var gated = Score(Pitchable() with { HealthScore = 40 });

        Assert.Equal(PitchWindow.Now, open.Window);
        Assert.True(open.Opportunity > 0);

        Assert.Equal(open.Composite, gated.Composite);
        Assert.Equal(open.Probability, gated.Probability);
        Assert.Same(open.Band, gated.Band);
        Assert.Equal(OfferKind.Nurture, gated.Offer);
        Assert.Null(gated.OfferRule);
        Assert.Equal(0, gated.Opportunity);
        Assert.Equal(PitchWindow.Nurture, gated.Window);
        Assert.Equal(PitchWindow.Nurture, gated.EffectiveWindow);
    }

    [Fact]
    public void Explain_Gated_ReasonNamesTheGate()
    {
        var explained = Model.Explain(Pitchable() with { HealthScore = 45, OpenP1P2Tickets = 2 }, TestData.AsOf);
        Assert.True(explained.IsGated);
        Assert.Equal("Nurture — gated", explained.OfferLabel);
        Assert.Equal("Gated — not pitched while health score 45 is below 60; 2 open P1/P2 ticket(s), at most 0 allowed", explained.Rationale);
        Assert.Equal("gated — nurture until the guardrail clears", explained.WindowReason);
        Assert.Equal("Hot", explained.Band);
    }

    [Fact]
    public void MissingGateData_NotEvaluatedAndNotBlocking()
    {
        var score = Score(Pitchable());
        Assert.False(score.IsGated);
        Assert.Equal(GateFlags.Health | GateFlags.SupportTickets | GateFlags.Tenure, score.GatesNotEvaluated);

        var checks = Model.GateChecks(Pitchable(), TestData.AsOf);
        Assert.Equal([GateFlags.Health, GateFlags.SupportTickets, GateFlags.Tenure], checks.Select(c => c.Gate));
        Assert.All(checks, c => Assert.Equal(GateStatus.NotEvaluated, c.Status));
        Assert.Equal("no health score: health gate not evaluated", checks[0].Detail);

        var explained = Model.Explain(Pitchable(), TestData.AsOf);
        Assert.All(explained.Gates, c => Assert.Equal(GateStatus.NotEvaluated, c.Status));
    }

    [Fact]
    public void PartialGateData_OnlyMissingOnesNotEvaluated()
    {
        var score = Score(Pitchable() with { HealthScore = 80 });
        Assert.Equal(GateFlags.SupportTickets | GateFlags.Tenure, score.GatesNotEvaluated);
        Assert.Equal(GateStatus.Passed, Check(Pitchable() with { HealthScore = 80 }, GateFlags.Health).Status);
    }

    [Fact]
    public void HealthGate_SwitchedOff_NeverBlocksNorReportedNotEvaluated()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { HealthEnabled = false } });
        var score = Score(Pitchable() with { HealthScore = 10 }, model);
        Assert.False(score.IsGated);
        Assert.Equal(GateFlags.SupportTickets | GateFlags.Tenure, score.GatesNotEvaluated);
        Assert.Equal(GateStatus.Disabled, Check(Pitchable() with { HealthScore = 10 }, GateFlags.Health, model).Status);
    }

    [Fact]
    public void SupportGate_SwitchedOff_NeverBlocks()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { SupportTicketsEnabled = false } });
        Assert.False(Score(Pitchable() with { OpenP1P2Tickets = 5 }, model).IsGated);
        Assert.Equal(GateStatus.Disabled, Check(Pitchable(), GateFlags.SupportTickets, model).Status);
    }

    [Fact]
    public void TenureGate_SwitchedOff_NeverBlocks()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { TenureEnabled = false } });
        Assert.False(Score(Pitchable() with { ContractStartDate = TestData.AsOf }, model).IsGated);
        Assert.Equal(GateStatus.Disabled, Check(Pitchable(), GateFlags.Tenure, model).Status);
    }

    [Theory]
    [InlineData(49.9, true)]
    [InlineData(50, false)]
    [InlineData(55, false)]
    public void HealthGate_Rethresholded(double health, bool blocked)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { MinHealthScore = 50 } });
        Assert.Equal(blocked, Score(Pitchable() with { HealthScore = health }, model).IsGated);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void SupportGate_Rethresholded(int tickets, bool blocked)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { MaxOpenP1P2Tickets = 1 } });
        Assert.Equal(blocked, Score(Pitchable() with { OpenP1P2Tickets = tickets }, model).IsGated);
    }

    [Fact]
    public void TenureGate_Rethresholded()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new GateOptions { MinTenureMonths = 12 } });
        Assert.True(Score(Pitchable() with { ContractStartDate = TestData.AsOf.AddMonths(-11) }, model).IsGated);
        Assert.False(Score(Pitchable() with { ContractStartDate = TestData.AsOf.AddMonths(-12) }, model).IsGated);
    }

    [Fact]
    public void Create_InvalidGateOptions_ListsEachProblem()
    {
        var ex = InvariantCulture.Run(() => Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(new ExpansionScoringOptions
        {
            Gates = new GateOptions { MinHealthScore = 101, MaxOpenP1P2Tickets = -1, MinTenureMonths = -2 },
        })));
        Assert.Equal(
            [
                "Gates:MinHealthScore must be in 0..100, was 101.",
                "Gates:MaxOpenP1P2Tickets must be >= 0, was -1.",
                "Gates:MinTenureMonths must be >= 0, was -2.",
            ],
            ex.Errors);
    }

    [Fact]
    public void GateChecks_NullAccount_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Model.GateChecks(null!, TestData.AsOf));
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_AnyAccount_AGateNeverRaisesAnOpportunity(Account account)
    {
        var ungated = ScoringModel.Create(new ExpansionScoringOptions
        {
            Gates = new GateOptions { HealthEnabled = false, SupportTicketsEnabled = false, TenureEnabled = false },
        });

        var withGates = Model.Score(account, TestData.AsOf);
        var withoutGates = ungated.Score(account, TestData.AsOf);

        Assert.True(withGates.Opportunity <= withoutGates.Opportunity);
        Assert.Equal(withoutGates.Probability, withGates.Probability);
        Assert.Same(withoutGates.Band, withGates.Band);
        if (withGates.IsGated)
        {
            Assert.Equal(0, withGates.Opportunity);
            Assert.Equal(OfferKind.Nurture, withGates.Offer);
            Assert.Equal(PitchWindow.Nurture, withGates.Window);
        }
        else
        {
            Assert.Equal(withoutGates, withGates with { GatesNotEvaluated = GateFlags.None });
        }
    }

    public static class Arbitraries
    {
        public static Arbitrary<Account> Accounts() => Generators.Account.ToArbitrary();
    }
}
