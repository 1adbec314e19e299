using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using System.Text.Json;
using ExpansionScoring.Gates;
using ExpansionScoring.History;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Serialization;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.History;

public class WeeklyLoopTests
{
    private static readonly DateOnly Before = new(2026, 11, 16);
    private static readonly DateOnly After = new(2026, 11, 23);

    /// <summary>p = 5 + 0.9 × 60 = 59: Warm, the fallback Tier offer "Upgrade Growth → Pro" unless a gate blocks.</summary>
    private static Account Northwind(double health) => new()
    {
        Id = "northwind",
        Name = "Northwind",
        Arr = 80_000,
        Plan = "Growth",
        HealthScore = health,
        Signals = SignalValues.Of(60, 60, 60, 60, 60),
    };

    private static BookChanges Compare(IEnumerable<Account> earlier, IEnumerable<Account> later, ScoringModel? earlierModel = null, ScoringModel? laterModel = null)
        => BookChanges.Compare(
            BookSnapshot.Create(earlierModel ?? ScoringModel.Default, earlier, Before),
            BookSnapshot.Create(laterModel ?? ScoringModel.Default, later, After));

    [Fact]
    public void Compare_HealthClearsTheGate_SummaryNamesGateOfferAndWindow()
    {
        var changes = Compare([Northwind(57)], [Northwind(72)]);

        Assert.Equal(["northwind"], changes.GateCleared);
        Assert.Empty(changes.GateBlocked);
        var change = Assert.Single(changes.Accounts);
        Assert.Equal("59 → 59; gate cleared: health 57 → 72; offer Nurture → Upgrade Growth → Pro; window Nurture → 30 days", change.Summary);
        Assert.True(change.HasChanged);
        Assert.True(change.GateCleared);
        Assert.True(change.BandOfferOrWindowChanged);
        Assert.Empty(change.Attributions);
        var gate = Assert.Single(change.GateChanges);
        Assert.Equal(new GateChange { Gate = GateFlags.Health, Before = GateStatus.Blocked, After = GateStatus.Passed, ValueBefore = 57, ValueAfter = 72 }, gate);
        Assert.Equal((OfferKind.Nurture, "Nurture — gated", OfferKind.Tier, "Upgrade Growth → Pro"), (change.OfferBefore, change.OfferLabelBefore, change.OfferAfter, change.OfferLabelAfter));
        Assert.Equal((PitchWindow.Nurture, PitchWindow.Next30Days), (change.WindowBefore, change.WindowAfter));
        Assert.Equal((0.0, 0.59 * 80_000 * 0.45), (change.OpportunityBefore, Math.Round(change.OpportunityAfter, 6)));
        Assert.Equal(Math.Round(0.59 * 80_000 * 0.45, 6), changes.PipelineFromRescored);
        Assert.Equal([new BandMigration { From = "Warm", To = "Warm", Count = 1, OpportunityBefore = 0, OpportunityAfter = changes.PipelineFromRescored }], changes.BandMigration);
    }

    [Fact]
    public void Compare_BandAndTriggerChanges_SummaryNamesEachKind()
    {
        var earlier = Northwind(72) with { Telemetry = new AccountTelemetry { TriggerEvents = [] } };
        var later = earlier with
        {
            Signals = SignalValues.Of(90, 90, 90, 90, 60),
            Telemetry = new AccountTelemetry { TriggerEvents = [new(TriggerEventKind.FundingRound, After.AddDays(-2))] },
        };

        var change = Assert.Single(Compare([earlier], [later]).Accounts);

        // Triggers is computed from the events (Telemetry wins over the supplied value), so the signal values differ too.
        Assert.StartsWith("59 → ", change.Summary, StringComparison.Ordinal);
        Assert.Contains("; band Warm → Hot", change.Summary, StringComparison.Ordinal);
        Assert.EndsWith("; new trigger FundingRound", change.Summary, StringComparison.Ordinal);
        Assert.True(change.BecameHot);
    }

    [Fact]
    public void Compare_OnlyArrChanged_SummaryNamesTheOpportunity()
    {
        var change = Assert.Single(Compare([Northwind(72)], [Northwind(72) with { Arr = 100_000 }]).Accounts);

        Assert.Equal("59 → 59; opportunity $21K → $27K", change.Summary);
        Assert.True(change.HasChanged);
        Assert.False(change.BandOfferOrWindowChanged);
    }

    [Fact]
    public void WithAccounts_NarrowsTheAccountsOnly()
    {
        var changes = Compare([Northwind(57), Northwind(72) with { Id = "same" }], [Northwind(72), Northwind(72) with { Id = "same", Arr = 90_000 }]);

        Assert.Equal(["northwind", "same"], changes.OnlyChangedAccounts().Accounts.Select(a => a.AccountId));
        var routed = changes.WithAccounts(a => a.BandOfferOrWindowChanged);
        Assert.Equal(["northwind"], routed.Accounts.Select(a => a.AccountId));
        Assert.Equal((changes.PipelineChange, changes.BandMigration), (routed.PipelineChange, routed.BandMigration));
        Assert.Throws<ArgumentNullException>("keep", () => changes.WithAccounts(null!));
    }

    [Fact]
    public void Compare_HotAccountRemovedAndHotAccountAdded_LeftHotAndBecameHot()
    {
        var hot = new Account { Id = "hot", Arr = 10_000, Signals = SignalValues.Of(95, 95, 95, 95, 95) };

        var changes = Compare([hot], [hot with { Id = "hot2" }]);

        Assert.Equal(["hot"], changes.LeftHot);
        Assert.Equal(["hot2"], changes.BecameHot);
        Assert.Equal((1, 1), (changes.Before.AccountCount, changes.After.AccountCount));
        Assert.Empty(changes.BandMigration);
    }

    [Fact]
    public void Compare_ModelChangedWeights_AttributedToTheSignalsWhoseWeightMoved()
    {
        var account = new Account { Id = "a", Arr = 50_000, Signals = SignalValues.Of(90, 40, 60, 60, 60) };
        var productLed = ScoringModel.Create(new ExpansionScoringOptions { Preset = "ProductLed" });

        var change = Assert.Single(Compare([account], [account], laterModel: productLed).Accounts);

        // MidMarketBalanced → ProductLed: PlanFit 0.30 → 0.35, Velocity 0.25 → 0.35, Champion 0.20 → 0.05.
        Assert.Equal(["Champion", "PlanFit", "Velocity"], change.Attributions.Select(a => a.Signal).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(change.Attributions, a => a.Signal == SignalAttribution.ModelChange);
    }

    [Fact]
    public void Compare_ModelChangedTransform_AttributedToModel()
    {
        var logistic = new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform()).Build();

        var change = Assert.Single(Compare([Northwind(72)], [Northwind(72)], laterModel: logistic).Accounts);

        Assert.Equal("Model", Assert.Single(change.Attributions).Signal);
        Assert.Equal(change.ProbabilityChange, change.Attributions[0].Change);
    }

    [Fact]
    public void Json_UsesTheContractsNames()
    {
        var changes = Compare([Northwind(57), new Account { Id = "gone", Arr = 1 }], [Northwind(72), new Account { Id = "new", Arr = 1 }]);

        using var doc = JsonDocument.Parse(BookChangesJson.Serialize(changes));
        var root = doc.RootElement;
        string[] rootNames = ["before", "after", "pipelineChange", "pipelineFromAdded", "pipelineFromRemoved", "pipelineFromRescored", "added", "removed", "promoted", "demoted", "becameHot", "leftHot", "bandMigration", "accounts"];
        Assert.All(rootNames, n => Assert.True(root.TryGetProperty(n, out _), n));
        Assert.All(new[] { "asOf", "accountCount", "pipeline" }, n => Assert.True(root.GetProperty("before").TryGetProperty(n, out _), n));
        Assert.Equal("2026-11-16", root.GetProperty("before").GetProperty("asOf").GetString());
        Assert.Equal(["new"], root.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.All(new[] { "from", "to", "count", "opportunityAfter" }, n => Assert.True(root.GetProperty("bandMigration")[0].TryGetProperty(n, out _), n));
        var account = root.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "northwind");
        string[] accountNames = ["accountId", "name", "probabilityBefore", "probabilityAfter", "bandBefore", "bandAfter", "offerBefore", "offerAfter", "windowBefore", "windowAfter", "opportunityBefore", "opportunityAfter", "attributions", "gateChanges", "newTriggers", "summary"];
        Assert.All(accountNames, n => Assert.True(account.TryGetProperty(n, out _), n));
        Assert.Equal("Nurture", account.GetProperty("offerBefore").GetString());
        Assert.Equal("Tier", account.GetProperty("offerAfter").GetString());
        Assert.Equal("Next30Days", account.GetProperty("windowAfter").GetString());
        var gate = account.GetProperty("gateChanges")[0];
        Assert.Equal(("Health", "Blocked", "Passed"), (gate.GetProperty("gate").GetString(), gate.GetProperty("before").GetString(), gate.GetProperty("after").GetString()));

        var back = BookChangesJson.Deserialize(BookChangesJson.Serialize(changes));
        Assert.Equal(BookChangesJson.Serialize(changes), BookChangesJson.Serialize(back));
    }
}
