using ExpansionScoring.Offers;
using System.Globalization;
using System.Text.Json;
using ExpansionScoring.Gates;
using ExpansionScoring.History;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Serialization;
using ExpansionScoring.Signals;
using ExpansionScoring.Tests.Portfolios;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.History;

/// <summary>The weekly loop's invariants over any two snapshots: the bridge, the attributions, the mirror, no change on itself.</summary>
public class WeeklyLoopPropertyTests
{
    private static readonly DateOnly Before = new(2026, 11, 16);
    private static readonly DateOnly After = BookGenerators.AsOf;

    private static readonly ScoringModel[] Models =
    [
        ScoringModel.Default,
        new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform()).Build(),
        ScoringModel.Create(new ExpansionScoringOptions { MissingSignals = MissingSignalPolicy.TreatAsZero }),
        new ScoringModelBuilder().UsePreset(Segment.Enterprise, WeightPreset.Enterprise).UsePreset(Segment.SMB, WeightPreset.SmbSeatHeavy).Build(),
        ScoringModel.Create(new ExpansionScoringOptions { Preset = "ProductLed", Gates = new GateOptions { MinHealthScore = 70 } }),
    ];

    private static BookChanges Compare(WeeklyPair pair) => BookChanges.Compare(
        BookSnapshot.Create(pair.EarlierModel, pair.Earlier, Before),
        BookSnapshot.Create(pair.LaterModel, pair.Later, After),
        new HistoryOptions { IncludeNextBandLifts = false });

    private static decimal Exact(double value) => decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_AnyTwoSnapshots_BridgeAddsUpExactlyInDecimal(WeeklyPair pair)
    {
        var changes = Compare(pair);

        Assert.Equal(Exact(changes.After.Pipeline), Exact(changes.Before.Pipeline) + Exact(changes.PipelineFromAdded) + Exact(changes.PipelineFromRemoved) + Exact(changes.PipelineFromRescored));
        Assert.Equal(Exact(changes.PipelineChange), Exact(changes.PipelineFromAdded) + Exact(changes.PipelineFromRemoved) + Exact(changes.PipelineFromRescored));

        // The same holds on the JSON contract's numbers, read as decimals from the text.
        using var doc = JsonDocument.Parse(BookChangesJson.Serialize(changes));
        var root = doc.RootElement;
        decimal D(JsonElement e, string name) => e.GetProperty(name).GetDecimal();
        Assert.Equal(D(root.GetProperty("after"), "pipeline"), D(root.GetProperty("before"), "pipeline") + D(root, "pipelineFromAdded") + D(root, "pipelineFromRemoved") + D(root, "pipelineFromRescored"));

        // The migration matrix holds every account in both snapshots once, and its dollars are the re-scored pipeline.
        Assert.Equal(changes.Accounts.Count, changes.BandMigration.Sum(m => m.Count));
        Assert.Equal(Exact(changes.PipelineFromRescored), changes.BandMigration.Sum(m => Exact(m.OpportunityAfter)) - changes.BandMigration.Sum(m => Exact(m.OpportunityBefore)));
    }

    /// <summary>
    /// Shapley's efficiency: the parts add up to the change. In floating point "exactly" means to the last bits: the
    /// residue is settled on the largest part, so the in-order sum is the change whenever a double can make it so, and
    /// within 1e-11 points otherwise (parts that cancel can make the exact sum unreachable).
    /// </summary>
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_AnyTwoSnapshots_AttributionsAddUpToTheChange(WeeklyPair pair)
    {
        foreach (var change in Compare(pair).Accounts)
        {
            Assert.Equal(change.ProbabilityAfter - change.ProbabilityBefore, SumInOrder(change), 1e-11);
            Assert.True(change.ProbabilityChange == 0 || change.Attributions.Count > 0, change.Summary);
        }
    }

    private static double SumInOrder(AccountChange change)
    {
        double sum = 0;
        foreach (var part in change.Attributions)
        {
            sum += part.Change;
        }

        return sum;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_SnapshotWithItself_ReportsNoChange(WeeklyPair pair)
    {
        var snapshot = BookSnapshot.Create(pair.LaterModel, pair.Later, After);

        var changes = BookChanges.Compare(snapshot, snapshot, new HistoryOptions { IncludeNextBandLifts = false });

        Assert.All(changes.Accounts, a => Assert.False(a.HasChanged, a.Summary));
        Assert.All(changes.Accounts, a => Assert.EndsWith(": unchanged", a.Summary, StringComparison.Ordinal));
        Assert.Empty(changes.OnlyChangedAccounts().Accounts);
        Assert.Empty(changes.Added.Concat(changes.Removed).Concat(changes.Promoted).Concat(changes.Demoted).Concat(changes.BecameHot).Concat(changes.LeftHot).Concat(changes.GateCleared).Concat(changes.GateBlocked));
        Assert.Equal(0, changes.PipelineChange);
        Assert.All(changes.BandMigration, m => Assert.Equal(m.From, m.To));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_Reversed_MirrorsTheForwardComparison(WeeklyPair pair)
    {
        var earlier = BookSnapshot.Create(pair.EarlierModel, pair.Earlier, Before);
        var later = BookSnapshot.Create(pair.LaterModel, pair.Later, After);
        var options = new HistoryOptions { IncludeNextBandLifts = false };

        var forward = BookChanges.Compare(earlier, later, options);
        var back = BookChanges.Compare(later, earlier, options);

        Assert.Equal(forward.Added, back.Removed);
        Assert.Equal(forward.Removed, back.Added);
        Assert.Equal(forward.Promoted, back.Demoted);
        Assert.Equal(forward.Demoted, back.Promoted);
        Assert.Equal(forward.BecameHot, back.LeftHot);
        Assert.Equal(forward.LeftHot, back.BecameHot);
        Assert.Equal(forward.GateCleared, back.GateBlocked);
        Assert.Equal(forward.GateBlocked, back.GateCleared);
        Assert.Equal(forward.PipelineFromAdded, -back.PipelineFromRemoved);
        Assert.Equal(forward.PipelineFromRemoved, -back.PipelineFromAdded);
        Assert.Equal(forward.PipelineFromRescored, -back.PipelineFromRescored);
        Assert.Equal(forward.PipelineChange, -back.PipelineChange);
        Assert.Equal(
            forward.BandMigration.Select(m => (m.From, m.To, m.Count, m.OpportunityBefore, m.OpportunityAfter)).Order(),
            back.BandMigration.Select(m => (From: m.To, To: m.From, m.Count, OpportunityBefore: m.OpportunityAfter, OpportunityAfter: m.OpportunityBefore)).Order());
        Assert.Equal(forward.Accounts.Select(a => a.AccountId), back.Accounts.Select(a => a.AccountId));
        foreach (var (f, b) in forward.Accounts.Zip(back.Accounts))
        {
            Assert.Equal((f.ProbabilityBefore, f.ProbabilityAfter), (b.ProbabilityAfter, b.ProbabilityBefore));
            Assert.Equal((f.BandBefore, f.BandAfter, f.BandSteps), (b.BandAfter, b.BandBefore, -b.BandSteps));
            Assert.Equal((f.OfferBefore, f.OfferLabelBefore, f.OfferAfter, f.OfferLabelAfter), (b.OfferAfter, b.OfferLabelAfter, b.OfferBefore, b.OfferLabelBefore));
            Assert.Equal((f.WindowBefore, f.WindowAfter), (b.WindowAfter, b.WindowBefore));
            Assert.Equal((f.OpportunityBefore, f.OpportunityAfter), (b.OpportunityAfter, b.OpportunityBefore));
            Assert.Equal((f.GateCleared, f.GateBlocked), (b.GateBlocked, b.GateCleared));
            Assert.Equal(
                f.GateChanges.Select(g => (g.Gate, g.Before, g.After, g.ValueBefore, g.ValueAfter)),
                b.GateChanges.Select(g => (g.Gate, Before: g.After, After: g.Before, ValueBefore: g.ValueAfter, ValueAfter: g.ValueBefore)));

            // Shapley over the reversed game is the negated Shapley: each player's share flips sign.
            var backShares = b.Attributions.ToDictionary(a => a.Signal, a => a.Change);
            foreach (var part in f.Attributions)
            {
                Assert.Equal(part.Change, -backShares.GetValueOrDefault(part.Signal), 9);
            }
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_OnlyTheModelChanged_AttributionsAddUpAndNameWhatMovedIt(WeeklyPair pair)
    {
        var earlier = BookSnapshot.Create(pair.EarlierModel, pair.Earlier, After);
        var later = BookSnapshot.Create(pair.LaterModel, pair.Earlier, After);
        bool modelMayMove = !ReferenceEquals(pair.EarlierModel.ProbabilityTransform, pair.LaterModel.ProbabilityTransform)
            || pair.EarlierModel.MissingSignalPolicy != pair.LaterModel.MissingSignalPolicy;

        var changes = BookChanges.Compare(earlier, later, new HistoryOptions { IncludeNextBandLifts = false });

        Assert.Empty(changes.Added);
        Assert.Empty(changes.Removed);
        foreach (var change in changes.Accounts)
        {
            foreach (var part in change.Attributions)
            {
                if (part.Signal == SignalAttribution.ModelChange)
                {
                    Assert.True(modelMayMove, $"{change.AccountId}: Model credited but the transform and policy are the same");
                }
                else
                {
                    // Same data: only a weight can move a signal's part.
                    Assert.Equal(part.ValueBefore, part.ValueAfter);
                    Assert.NotEqual(part.WeightBefore, part.WeightAfter);
                }
            }

            Assert.Equal(change.ProbabilityChange, SumInOrder(change), 1e-11);
            if (change.ProbabilityChange != 0)
            {
                Assert.NotEmpty(change.Attributions);
            }
        }

        // The accounts whose band, offer or window move are exactly those whose scores differ there, by an independent scoring.
        var expected = pair.Earlier.Where(a =>
        {
            var x = pair.EarlierModel.Explain(a, After);
            var y = pair.LaterModel.Explain(a, After);
            return x.Band != y.Band || x.Offer != y.Offer || x.OfferLabel != y.OfferLabel || x.EffectiveWindow != y.EffectiveWindow;
        }).Select(a => a.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, changes.Accounts.Where(a => a.BandOfferOrWindowChanged).Select(a => a.AccountId));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Compare_HealthCrossesTheGate_GateClearedOrBlockedWithTheValues(Func<string, Account> shape, byte healthBefore, byte healthAfter)
    {
        double hb = healthBefore % 101, ha = healthAfter % 101;
        var account = shape("a") with { OpenP1P2Tickets = null, ContractStartDate = null };
        var change = Assert.Single(BookChanges.Compare(
            BookSnapshot.Create(ScoringModel.Default, [account with { HealthScore = hb }], After),
            BookSnapshot.Create(ScoringModel.Default, [account with { HealthScore = ha }], After)).Accounts);

        bool cleared = hb < 60 && ha >= 60, blocked = hb >= 60 && ha < 60;
        Assert.Equal(cleared, change.GateCleared);
        Assert.Equal(blocked, change.GateBlocked);
        if (cleared || blocked)
        {
            var gate = Assert.Single(change.GateChanges);
            Assert.Equal((GateFlags.Health, hb, ha), (gate.Gate, gate.ValueBefore!.Value, gate.ValueAfter!.Value));
            Assert.Equal(cleared ? GateStatus.Blocked : GateStatus.Passed, gate.Before);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"; gate {(cleared ? "cleared" : "blocked")}: health {hb} → {ha}"), change.Summary, StringComparison.Ordinal);
            var gatedSide = cleared ? (change.OfferBefore, change.OpportunityBefore) : (change.OfferAfter, change.OpportunityAfter);
            Assert.Equal((OfferKind.Nurture, 0.0), gatedSide);
        }
        else
        {
            Assert.Empty(change.GateChanges);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void DefaultPlays_AnyTwoSnapshots_TasksFollowTheEventsInDueThenDollarOrder(WeeklyPair pair)
    {
        var changes = Compare(pair);

        var tasks = ExpansionScoring.Plays.PlayBook.Default.Tasks(changes);

        string[] Fired(string ev) => [.. tasks.Where(t => t.Event == ev).Select(t => t.AccountId).Order(StringComparer.Ordinal)];
        Assert.Equal(changes.BecameHot, Fired("becameHot"));
        Assert.Equal(changes.GateCleared, Fired("gateCleared"));
        Assert.All(tasks, t => Assert.Equal(After.AddDays(t.Event switch { "usageAlert:80" => 1, "newTrigger:PremiumFeatureAttempted" => 2, "newTrigger:TeamInviteBurst" => 3, _ => 7 }), t.Due));
        Assert.All(tasks.Zip(tasks.Skip(1)), p => Assert.True(p.First.Due < p.Second.Due || (p.First.Due == p.Second.Due && p.First.Opportunity >= p.Second.Opportunity)));
        var byId = changes.Accounts.ToDictionary(a => a.AccountId);
        Assert.All(tasks.Where(t => byId.ContainsKey(t.AccountId)), t => Assert.Equal(byId[t.AccountId].OpportunityAfter, t.Opportunity));
    }

    public sealed record WeeklyPair(IReadOnlyList<Account> Earlier, IReadOnlyList<Account> Later, ScoringModel EarlierModel, ScoringModel LaterModel)
    {
        public override string ToString() => $"earlier: {new Book(Earlier)}\nlater: {new Book(Later)}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Func<string, Account>> Shapes() => BookGenerators.AccountShape.ToArbitrary();

        /// <summary>A book and its next week: accounts removed and added, signals, segment, health, tickets and ARR edited, sometimes another model.</summary>
        public static Arbitrary<WeeklyPair> Pairs() =>
            (from book in BookGenerators.Book
             from edits in Gen.ListOf(
                 from keep in Gen.Frequency((1, Gen.Constant(false)), (6, Gen.Constant(true)))
                 from signals in Gen.Frequency((1, Gen.Constant<SignalValues?>(null)), (1, BookGenerators.Signals.Select(s => (SignalValues?)s)))
                 from segment in Gen.Frequency((4, Gen.Constant<Segment?>(null)), (1, Gen.Elements(Enum.GetValues<Segment>()).Select(s => (Segment?)s)))
                 from health in Gen.Frequency((2, Gen.Constant<double?>(-1)), (1, Gen.Choose(40, 80).Select(h => (double?)h)), (1, Gen.Constant<double?>(null)))
                 from tickets in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, 2)))
                 from arr in Gen.Frequency((4, Gen.Constant(-1.0)), (1, Gen.Choose(0, 80_000).Select(i => i * 5.0)))
                 select (keep, signals, segment, health, tickets, arr),
                 book.Accounts.Count)
             from added in BookGenerators.AccountShape.ListOf(3)
             from earlierModel in Gen.Elements(Models)
             from laterModel in Gen.Frequency((3, Gen.Constant(earlierModel)), (1, Gen.Elements(Models)))
             select new WeeklyPair(
                 book.Accounts,
                 [
                     .. book.Accounts.Zip(edits).Where(x => x.Second.keep).Select(x => x.First with
                     {
                         Signals = x.Second.signals ?? x.First.Signals,
                         Segment = x.Second.segment ?? x.First.Segment,
                         HealthScore = x.Second.health is -1 ? x.First.HealthScore : x.Second.health,
                         OpenP1P2Tickets = x.Second.tickets < 0 ? x.First.OpenP1P2Tickets : x.Second.tickets,
                         Arr = x.Second.arr < 0 ? x.First.Arr : x.Second.arr,
                     }),
                     .. added.Select((make, i) => make($"new-{i}")),
                 ],
                 earlierModel,
                 laterModel)).ToArbitrary();
    }
}
