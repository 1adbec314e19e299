using ExpansionScoring.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Tests;

public class ExpansionScorerReloadTests
{
    [Fact]
    public void Reload_ValidChange_RebuildsAndSwapsTheModel()
    {
        var harness = new Harness(new() { ["ExpansionScoring:Preset"] = "MidMarketBalanced" });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();
        var scorer = provider.GetRequiredService<IExpansionScorer>();
        var before = scorer.Model;

        harness.Reload(("ExpansionScoring:Preset", "Enterprise"));

        Assert.NotSame(before, scorer.Model);
        Assert.Equal("Enterprise", scorer.Explain(Harness.Acme, Harness.AsOf).Preset);
        Assert.Equal("MidMarketBalanced", before.PresetFor(Segment.MidMarket).Name); // the old model is untouched
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("rebuilt", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_InvalidChange_IsRejectedAndLoggedAndTheLastGoodModelStays()
    {
        var harness = new Harness(new() { ["ExpansionScoring:Preset"] = "Enterprise" });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var scorer = provider.GetRequiredService<IExpansionScorer>();
        var good = scorer.Model;

        var ex = Record.Exception(() => harness.Reload(("ExpansionScoring:Preset", "Nope"), ("ExpansionScoring:Weights:Champion", "-0.2")));

        Assert.Null(ex); // the configuration provider that reloaded never sees the failure
        Assert.Same(good, scorer.Model);
        Assert.Equal("Enterprise", provider.GetRequiredService<IOptionsMonitor<ExpansionScoringOptions>>().CurrentValue.Preset);
        var error = Assert.Single(harness.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("ExpansionScoring", error.Category);
        Assert.Contains("ExpansionScoring:Weights:Champion must be >= 0, was -0.2.", error.Message, StringComparison.Ordinal);
        Assert.Contains("last good model stays in use", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ExpansionScoring:Weights:PlanFit", "1e308", "ExpansionScoring:Weights:PlanFit must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 1E+308.")]
    [InlineData("ExpansionScoring:Offers:Multipliers:Tier", "1e308", "ExpansionScoring:Offers:Multipliers:Tier must be <= 100 (OfferOptions.MaxMultiplier), was 1E+308.")]
    [InlineData("ExpansionScoring:Bands:0:MinProbability", "1e308", "ExpansionScoring:Bands:0:MinProbability must be at most 100 (the top of the value banded; a band above it is never reached), was 1E+308.")]
    public void Reload_ValueThatWouldOverflow_IsRejectedAndTheLastGoodModelStays(string key, string value, string expected)
    {
        var harness = new Harness(new() { ["ExpansionScoring:Preset"] = "Enterprise" });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();
        var scorer = provider.GetRequiredService<IExpansionScorer>();
        var good = scorer.Model;

        (string, string?)[] extra = key.Contains("Bands", StringComparison.Ordinal)
            ? [(key, value), ("ExpansionScoring:Bands:0:Name", "Top"), ("ExpansionScoring:Bands:1:Name", "Rest"), ("ExpansionScoring:Bands:1:MinProbability", "0")]
            : key.Contains("Weights", StringComparison.Ordinal) ? [(key, value), ("ExpansionScoring:Weights:Velocity", "1")] : [(key, value)];
        harness.Reload(extra);

        Assert.Same(good, scorer.Model);
        Assert.True(double.IsFinite(scorer.Explain(Harness.Acme, Harness.AsOf).Opportunity));
        var error = Assert.Single(harness.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_FixedAfterAnInvalidChange_SwapsAgain()
    {
        var harness = new Harness();
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();
        var scorer = provider.GetRequiredService<IExpansionScorer>();
        var first = scorer.Model;

        harness.Reload(("ExpansionScoring:Preset", "Nope"));
        harness.Reload(("ExpansionScoring:Preset", "ProductLed"));

        Assert.NotSame(first, scorer.Model);
        Assert.Equal("ProductLed", scorer.Model.PresetFor(Segment.SMB).Name);
    }

    [Fact]
    public void Reload_OfOneNamedModel_LeavesTheOtherAlone()
    {
        var harness = new Harness();
        harness.Services.AddExpansionScoring();
        harness.Services.AddExpansionScoring("health");
        using var provider = harness.Build();
        var scorers = provider.GetRequiredService<IExpansionScorerProvider>();
        var expansion = scorers.GetScorer(string.Empty).Model;
        var health = scorers.GetScorer("health").Model;

        harness.Reload(("ExpansionScoring:Models:health:Preset", "Nope"));

        Assert.Same(health, scorers.GetScorer("health").Model);
        Assert.Equal("MidMarketBalanced", scorers.GetScorer(string.Empty).Model.PresetFor(Segment.SMB).Name);
        Assert.Single(harness.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("model health", StringComparison.Ordinal));
        _ = expansion;
    }

    [Fact]
    public void Explain_BatchDuringAReload_FinishesOnTheModelItStartedWith()
    {
        var harness = new Harness(new() { ["ExpansionScoring:Preset"] = "MidMarketBalanced" });
        var trigger = new ReloadOnFirstRead(() => harness.Reload(("ExpansionScoring:Preset", "Enterprise")));
        harness.Services.AddExpansionScoring().AddSignalScorer(trigger);
        using var provider = harness.Build();
        var scorer = provider.GetRequiredService<IExpansionScorer>();
        Account[] book = [Harness.Acme, Harness.Acme with { Id = "b" }, Harness.Acme with { Id = "c" }];

        var results = scorer.Explain(book, Harness.AsOf);

        Assert.True(trigger.Fired);
        Assert.All(results, r => Assert.Equal("MidMarketBalanced", r.Preset));
        Assert.Equal("Enterprise", scorer.Explain(Harness.Acme, Harness.AsOf).Preset);
    }

    /// <summary>A scorer for a spare signal that reloads configuration the first time it is read, mid-batch.</summary>
    private sealed class ReloadOnFirstRead(Action reload) : ISignalScorer
    {
        private int fired;

        public bool Fired => fired == 1;

        public SignalKey Key { get; } = SignalKey.Of("ReloadProbe");

        public SignalReading Score(in SignalScorerArguments arguments)
        {
            if (Interlocked.Exchange(ref fired, 1) == 0)
            {
                reload();
            }

            return SignalReading.Missing("probe");
        }
    }
}
