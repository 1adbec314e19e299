using ExpansionScoring.History;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using ExpansionScoring.Tests.Portfolios;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.History;

public class BookChangesTests
{
    private static readonly DateOnly Before = new(2026, 10, 1);
    private static readonly DateOnly After = new(2026, 11, 1);

    private static BookChanges Compare(Account earlier, Account later, ScoringModel? laterModel = null)
        => BookChanges.Compare(
            BookSnapshot.Create(ScoringModel.Default, [earlier], Before),
            BookSnapshot.Create(laterModel ?? ScoringModel.Default, [later], After));

    [Fact]
    public void Compare_TwoSignalsRise_EachCreditedWithItsWeightedStep()
    {
        // MidMarketBalanced: Velocity +20 × 0.25 × 0.9 = 4.5 points; Triggers +30 × 0.10 × 0.9 = 2.7 points.
        var earlier = new Account { Id = "a", Arr = 50_000, Signals = SignalValues.Of(50, 60, 50, 50, 40) };
        var later = earlier with { Signals = SignalValues.Of(50, 80, 50, 50, 70) };

        var change = Assert.Single(Compare(earlier, later).Accounts);

        Assert.Equal(7.2, change.ProbabilityChange, 9);
        Assert.Equal(AttributionMethod.Shapley, change.Method);
        Assert.Equal(["Velocity", "Triggers"], change.Attributions.Select(a => a.Signal));
        Assert.Equal(4.5, change.Attributions[0].Change, 9);
        Assert.Equal(2.7, change.Attributions[1].Change, 9);
        Assert.Equal(60, change.Attributions[0].ValueBefore);
        Assert.Equal(80, change.Attributions[0].ValueAfter);
        Assert.Equal(0.25, change.Attributions[0].WeightBefore, 12);
    }

    [Fact]
    public void Compare_SpecStyleExample_Summary62To71()
    {
        // All signals 190/3 → composite 63.33 → p 62; Velocity → 90 (+26.67 × 0.25 × 0.9 = +6), Triggers → 290/3 (+33.33 × 0.10 × 0.9 = +3).
        double c = 190.0 / 3;
        var earlier = new Account { Id = "a", Signals = SignalValues.Of(c, c, c, c, c) };
        var later = earlier with { Signals = SignalValues.Of(c, 90, c, c, 290.0 / 3) };

        var change = Assert.Single(Compare(earlier, later).Accounts);

        Assert.Equal("62 → 71: +6 Velocity, +3 Triggers", change.Summary);
    }

    [Fact]
    public void Compare_NoChange_SummaryUnchangedAndNoAttributions()
    {
        var change = Assert.Single(Compare(HandBook.Bolt, HandBook.Bolt).Accounts);

        Assert.Empty(change.Attributions);
        Assert.Equal("60 → 60: unchanged", change.Summary);
        Assert.False(change.IsPromoted || change.IsDemoted || change.OfferChanged || change.WindowChanged);
    }

    [Fact]
    public void Compare_SignalGoesMissing_AttributedToThatSignal()
    {
        // Renormalize: dropping Triggers (0) leaves PF/V/E/C = 80 → composite 80 instead of 72.
        var earlier = new Account { Id = "a", Signals = SignalValues.Of(80, 80, 80, 80, 0) };
        var later = earlier with { Signals = SignalValues.Of(80, 80, 80, 80) };

        var part = Assert.Single(Assert.Single(Compare(earlier, later).Accounts).Attributions);

        Assert.Equal("Triggers", part.Signal);
        Assert.Null(part.ValueAfter);
        Assert.Equal(0.9 * 8, part.Change, 9);
    }

    [Fact]
    public void Compare_OnlyTheTransformChanged_AttributedToTheModel()
    {
        var logistic = new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform()).Build();

        var change = Assert.Single(Compare(HandBook.Bolt, HandBook.Bolt, logistic).Accounts);

        var part = Assert.Single(change.Attributions);
        Assert.Equal(SignalAttribution.ModelChange, part.Signal);
        Assert.Equal(change.ProbabilityChange, part.Change, 12);
    }

    [Fact]
    public void Compare_SegmentMovesToEnterprisePreset_WeightChangesAddUpToTheChange()
    {
        var model = new ScoringModelBuilder().UsePreset(Segment.Enterprise, WeightPreset.Enterprise).Build();
        var earlier = HandBook.Bolt;
        var later = earlier with { Segment = Segment.Enterprise };

        var changes = BookChanges.Compare(BookSnapshot.Create(model, [earlier], Before), BookSnapshot.Create(model, [later], After));

        var change = Assert.Single(changes.Accounts);
        Assert.NotEqual(0, change.ProbabilityChange);
        Assert.Equal(change.ProbabilityChange, change.Attributions.Sum(a => a.Change), 9);
        Assert.Contains(change.Attributions, a => a.Signal == "Champion" && a.WeightAfter > a.WeightBefore);
    }

    [Fact]
    public void Compare_WarmToHotOnNewTriggers_PromotedBecameHotWindowNowAndNewEvents()
    {
        var earlier = new Account
        {
            Id = "volt",
            Name = "Volt Industries",
            Arr = 120_000,
            Signals = SignalValues.Of(planFit: 80, velocity: 80, engagement: 70, champion: 70),
            Telemetry = new AccountTelemetry { TriggerEvents = [new(TriggerEventKind.TeamInviteBurst, Before.AddDays(-400))] },
        };
        var later = earlier with
        {
            Signals = SignalValues.Of(planFit: 80, velocity: 80, engagement: 70, champion: 85),
            Telemetry = new AccountTelemetry
            {
                TriggerEvents =
                [
                    new(TriggerEventKind.TeamInviteBurst, Before.AddDays(-400)),
                    new(TriggerEventKind.HiringSpree, After),
                    new(TriggerEventKind.FundingRound, After.AddDays(-3)),
                    new(TriggerEventKind.UsageLimitHit, After.AddDays(5)), // after the as-of date: not yet
                ],
            },
        };

        var changes = Compare(earlier, later);
        var change = Assert.Single(changes.Accounts);

        Assert.Equal("Warm", change.BandBefore);
        Assert.Equal("Hot", change.BandAfter);
        Assert.Equal(1, change.BandSteps);
        Assert.True(change.IsPromoted);
        Assert.True(change.BecameHot);
        Assert.Equal(["volt"], changes.Promoted);
        Assert.Equal(["volt"], changes.BecameHot);
        Assert.Empty(changes.Demoted);
        Assert.Equal(PitchWindow.Next30Days, change.WindowBefore);
        Assert.Equal(PitchWindow.Now, change.WindowAfter);
        Assert.True(change.WindowChanged);
        Assert.Equal(
            [new TriggerEvent(TriggerEventKind.FundingRound, After.AddDays(-3)), new TriggerEvent(TriggerEventKind.HiringSpree, After)],
            change.NewTriggers);
        Assert.Equal(["Triggers", "Champion"], change.Attributions.Select(a => a.Signal));
    }

    [Fact]
    public void Compare_OfferChanges_Reported()
    {
        // Velocity 80 → 60 drops the Tier rule (needs Velocity ≥ 75) and probability below 40 → Nurture.
        var earlier = new Account { Id = "a", Arr = 10_000, Signals = SignalValues.Of(30, 80, 75, 20, 0) };
        var later = earlier with { Signals = SignalValues.Of(30, 40, 75, 20, 0) };

        var change = Assert.Single(Compare(earlier, later).Accounts);

        Assert.Equal(OfferKind.Tier, change.OfferBefore);
        Assert.Equal(OfferKind.Nurture, change.OfferAfter);
        Assert.True(change.OfferChanged);
        Assert.Equal(0, change.OpportunityAfter);
    }

    [Fact]
    public void Compare_BookChanges_PipelineSplitIntoAddedRemovedRescored()
    {
        var earlierBook = BookSnapshot.Create(ScoringModel.Default, [HandBook.Acme, HandBook.Bolt, HandBook.Cirrus], Before);
        var laterBook = BookSnapshot.Create(
            ScoringModel.Default,
            [HandBook.Bolt with { Signals = SignalValues.Of(50, 90, 75, 60, 30) }, HandBook.Cirrus, HandBook.Delta with { HealthScore = 90 }],
            After);

        var changes = BookChanges.Compare(earlierBook, laterBook);

        double opp(BookSnapshot s, string id) => s.TryGetScore(id, out var score) ? score.Opportunity : double.NaN;
        Assert.Equal(["delta"], changes.Added);
        Assert.Equal(["acme"], changes.Removed);
        Assert.Equal(["bolt", "cirrus"], changes.Accounts.Select(a => a.AccountId));
        Assert.Equal(opp(laterBook, "delta"), changes.PipelineFromAdded, 6);
        Assert.Equal(-opp(earlierBook, "acme"), changes.PipelineFromRemoved, 6);
        Assert.Equal(opp(laterBook, "bolt") - opp(earlierBook, "bolt"), changes.PipelineFromRescored, 6);
        Assert.Equal(changes.After.Pipeline - changes.Before.Pipeline, changes.PipelineChange, 6);
        Assert.Equal(changes.PipelineChange, changes.PipelineFromAdded + changes.PipelineFromRemoved + changes.PipelineFromRescored, 6);
    }

    [Fact]
    public void Compare_IncludesNextBandLiftsForAccountsBelowHot()
    {
        var laterBook = BookSnapshot.Create(ScoringModel.Default, HandBook.Accounts, After);

        var changes = BookChanges.Compare(laterBook, laterBook);

        Assert.Equal(["bolt", "cirrus", "delta"], changes.NextBandLifts.Select(l => l.AccountId));
        Assert.Empty(BookChanges.Compare(laterBook, laterBook, new HistoryOptions { IncludeNextBandLifts = false }).NextBandLifts);
    }

    [Fact]
    public void Compare_ShapleyLimitZero_FallsBackToSequential()
    {
        var earlier = new Account { Id = "a", Signals = SignalValues.Of(50, 60, 50, 50, 40) };
        var later = earlier with { Signals = SignalValues.Of(50, 80, 50, 50, 70) };

        var changes = BookChanges.Compare(
            BookSnapshot.Create(ScoringModel.Default, [earlier], Before),
            BookSnapshot.Create(ScoringModel.Default, [later], After),
            new HistoryOptions { MaxShapleySignals = 0 });

        var change = Assert.Single(changes.Accounts);
        Assert.Equal(AttributionMethod.Sequential, change.Method);
        Assert.Equal(change.ProbabilityChange, change.Attributions.Sum(a => a.Change), 9);
    }

    [Fact]
    public void Compare_InvalidOptions_Throws()
    {
        var snapshot = BookSnapshot.Create(ScoringModel.Default, [], Before);

        var ex = Assert.Throws<ScoringConfigurationException>(() => BookChanges.Compare(snapshot, snapshot, new HistoryOptions { MaxShapleySignals = 21 }));

        Assert.Equal(["History:MaxShapleySignals must be in 0..20, was 21."], ex.Errors);
    }

    [Fact]
    public void Compare_NullSnapshots_Throw()
    {
        var snapshot = BookSnapshot.Create(ScoringModel.Default, [], Before);
        Assert.Throws<ArgumentNullException>("earlier", () => BookChanges.Compare(null!, snapshot));
        Assert.Throws<ArgumentNullException>("later", () => BookChanges.Compare(snapshot, null!));
    }

    [Fact]
    public void SnapshotCreate_DuplicateIds_Throws()
        => Assert.Throws<ArgumentException>("accounts", () => BookSnapshot.Create(ScoringModel.Default, [HandBook.Acme, HandBook.Acme], Before));

    [Fact]
    public void SnapshotCreate_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("model", () => BookSnapshot.Create(null!, [], Before));
        Assert.Throws<ArgumentNullException>("accounts", () => BookSnapshot.Create(ScoringModel.Default, null!, Before));
    }

    [Fact]
    public void Snapshot_TryGetScore_FindsByIdOnly()
    {
        var snapshot = BookSnapshot.Create(ScoringModel.Default, HandBook.Accounts, Before);

        Assert.True(snapshot.TryGetScore("acme", out var score));
        Assert.Equal("Hot", score.Band.Name);
        Assert.False(snapshot.TryGetScore("nobody", out _));
        Assert.Equal(4, snapshot.Count);
        Assert.Equal(32_996 + 27_056.25, snapshot.Pipeline, 6);
    }
}
