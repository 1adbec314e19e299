using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>The single-use builder: plug-ins, validation in Build, and use after Build.</summary>
public class ScoringModelBuilderTests
{
    /// <summary>The built-in signals' names as messages list them: the SPEC's five first, then any added to the table.</summary>
    private static string BuiltInNames => string.Join(", ", SignalKey.BuiltIn.Select(k => k.Name));

    /// <summary>A custom signal: NPS −100..100 read from the account's metrics, mapped to 0..100.</summary>
    public sealed class NpsScorer : ISignalScorer
    {
        public SignalKey Key { get; } = SignalKey.Of("Nps");

        public SignalReading Score(in SignalScorerArguments arguments)
            => arguments.Account.TryGetMetric("nps", out double nps)
                ? SignalReading.Of((nps + 100) / 2)
                : SignalReading.Missing("no NPS survey");
    }

    private sealed class ConstantScorer(SignalKey key, double value) : ISignalScorer
    {
        public SignalKey Key { get; } = key;

        public SignalReading Score(in SignalScorerArguments arguments) => SignalReading.Of(value);
    }

    private static WeightPreset NpsPreset() => WeightPreset.Create("WithNps",
    [
        new KeyValuePair<string, double>("PlanFit", 0.5),
        new KeyValuePair<string, double>("Nps", 0.5),
    ]);

    [Fact]
    public void AddSignalScorer_CustomSignalWeightedInCustomPreset_CountsInComposite()
    {
        var model = new ScoringModelBuilder().AddSignalScorer(new NpsScorer()).UsePreset(NpsPreset()).Build();
        var account = new Account { Id = "a", Signals = SignalValues.Of(planFit: 40), Metrics = new Dictionary<string, double> { ["nps"] = 60 } };

        // NPS 60 → 80; composite = (0.5 × 40 + 0.5 × 80) / 1 = 60.
        var explained = model.Explain(account, TestData.AsOf);
        Assert.Equal(60, explained.Composite, 9);
        var nps = explained.Signals.Single(s => s.Signal == "Nps");
        Assert.Equal(80, nps.Value);
        Assert.Equal(SignalSource.Derived, nps.Source);
        Assert.Equal(40, nps.Contribution, 9);
        Assert.Equal("Nps", explained.LoudestSignal);
    }

    [Fact]
    public void AddSignalScorer_CustomSignalMissing_ReportedWithScorersReason()
    {
        var model = new ScoringModelBuilder().AddSignalScorer(new NpsScorer()).UsePreset(NpsPreset()).Build();
        var explained = model.Explain(new Account { Id = "a", Signals = SignalValues.Of(planFit: 40) }, TestData.AsOf);
        Assert.Equal(40, explained.Composite, 9);
        Assert.Equal(["Nps"], explained.MissingSignals);
        Assert.Equal("no NPS survey", explained.Signals.Single(s => s.Signal == "Nps").MissingReason);
        Assert.Equal(Confidence.Medium, explained.Confidence);
    }

    [Fact]
    public void AddSignalScorer_SameKeyAsBuiltIn_ReplacesDefaultScorer()
    {
        var model = new ScoringModelBuilder().AddSignalScorer(new ConstantScorer(SignalKey.Velocity, 33)).Build();
        var account = new Account { Id = "a", Telemetry = new AccountTelemetry { UsageTrendPercent = 30 } };
        Assert.Equal(33, model.Explain(account, TestData.AsOf).Signals.Single(s => s.Signal == "Velocity").Value);
    }

    [Fact]
    public void AddSignalScorer_OutOfRangeValue_ClampedByModel()
    {
        var model = new ScoringModelBuilder().AddSignalScorer(new ConstantScorer(SignalKey.Velocity, 250)).Build();
        Assert.Equal(100, model.Explain(new Account { Id = "a" }, TestData.AsOf).Signals.Single(s => s.Signal == "Velocity").Value);
    }

    [Fact]
    public void Build_PresetWeightsSignalWithoutScorer_Throws()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => new ScoringModelBuilder().UsePreset(NpsPreset()).Build());
        Assert.Equal([$"Presets:WithNps:Nps is not a known signal (known: {BuiltInNames})."], ex.Errors);
        Assert.StartsWith("PlanFit, Velocity, Engagement, Champion, Triggers", BuiltInNames, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidPresetWithSeveralProblems_ExactAggregatedMessage()
    {
        var options = new ExpansionScoringOptions
        {
            Preset = "Broken",
            Presets =
            {
                ["Broken"] = new()
                {
                    ["PlanFit"] = -0.2,
                    ["Velocity"] = double.NaN,
                    ["Nope"] = 0,
                    ["Champion"] = 0,
                },
            },
        };

        var ex = InvariantCulture.Run(() => Assert.Throws<ScoringConfigurationException>(() => new ScoringModelBuilder(options).Build()));

        string nl = Environment.NewLine;
        Assert.Equal(
            "Invalid scoring configuration (4 problems):" + nl +
            "- Presets:Broken:PlanFit must be >= 0, was -0.2." + nl +
            "- Presets:Broken:Velocity must be a finite number, was NaN." + nl +
            $"- Presets:Broken:Nope is not a known signal (known: {BuiltInNames})." + nl +
            "- Presets:Broken: at least one weight must be above 0.",
            ex.Message);
        Assert.Equal(4, ex.Errors.Count);
    }

    [Fact]
    public void Build_AllZeroWeights_ExactMessage()
    {
        var options = new ExpansionScoringOptions { Weights = new() { ["PlanFit"] = 0, ["Velocity"] = 0 } };
        var ex = Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(options));
        Assert.Equal("Invalid scoring configuration: Weights: at least one weight must be above 0.", ex.Message);
    }

    [Fact]
    public void Build_UnknownPresetAndSegmentPreset_ListsBoth()
    {
        var options = new ExpansionScoringOptions { Preset = "Nope", SegmentPresets = { [Segment.SMB] = "AlsoNope" } };
        var ex = Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(options));
        Assert.Equal(
            [
                "Preset: 'Nope' is not a known preset (known: Enterprise, MidMarketBalanced, ProductLed, SmbSeatHeavy).",
                "SegmentPresets:SMB: 'AlsoNope' is not a known preset (known: Enterprise, MidMarketBalanced, ProductLed, SmbSeatHeavy).",
            ],
            ex.Errors);
        Assert.Equal(ex.Errors, options.Validate());
    }

    [Fact]
    public void Validate_DefaultOptions_NoProblems()
    {
        Assert.Empty(new ExpansionScoringOptions().Validate());
    }

    [Fact]
    public void Build_Twice_ThrowsInvalidOperation()
    {
        var builder = new ScoringModelBuilder();
        builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void Builder_UsedAfterBuild_EveryMethodThrowsInvalidOperation()
    {
        var builder = new ScoringModelBuilder();
        builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.UsePreset(WeightPreset.Enterprise));
        Assert.Throws<InvalidOperationException>(() => builder.UsePreset(Segment.SMB, WeightPreset.Enterprise));
        Assert.Throws<InvalidOperationException>(() => builder.AddSignalScorer(new NpsScorer()));
        Assert.Throws<InvalidOperationException>(() => builder.AddOfferRule(new Generators.FixedRule("r", OfferKind.Tier, true)));
        Assert.Throws<InvalidOperationException>(() => builder.UseProbabilityTransform(LinearProbabilityTransform.Default));
        Assert.Throws<InvalidOperationException>(() => builder.Configure(_ => { }));
    }

    [Fact]
    public void Build_FailedValidation_BuilderStillUsable()
    {
        var builder = new ScoringModelBuilder().Configure(o => o.Preset = "Nope");
        Assert.Throws<ScoringConfigurationException>(() => builder.Build());
        var model = builder.Configure(o => o.Preset = "Enterprise").Build();
        Assert.Same(WeightPreset.Enterprise, model.PresetFor(Segment.MidMarket));
    }

    [Fact]
    public void Build_OptionsChangedAfterBuild_ModelUnaffected()
    {
        var options = new ExpansionScoringOptions();
        var model = new ScoringModelBuilder(options).Build();
        options.Preset = "Enterprise";
        options.Gates.MinHealthScore = 90;
        options.Offers.Multipliers[OfferKind.Tier] = 1;
        var score = model.Score(TestData.Uniform(50) with { HealthScore = 70 }, TestData.AsOf);
        Assert.Same(WeightPreset.MidMarketBalanced, score.Preset);
        Assert.False(score.IsGated);
        Assert.Equal(0.45, model.MultiplierOf(OfferKind.Tier));
    }

    [Fact]
    public void Methods_NullOrInvalidArguments_Throw()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new ScoringModelBuilder(null!)).ParamName);
        var builder = new ScoringModelBuilder();
        Assert.Equal("preset", Assert.Throws<ArgumentNullException>(() => builder.UsePreset(null!)).ParamName);
        Assert.Equal("preset", Assert.Throws<ArgumentNullException>(() => builder.UsePreset(Segment.SMB, null!)).ParamName);
        Assert.Equal("segment", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UsePreset((Segment)7, WeightPreset.Enterprise)).ParamName);
        Assert.Equal("scorer", Assert.Throws<ArgumentNullException>(() => builder.AddSignalScorer(null!)).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => builder.AddOfferRule(null!)).ParamName);
        Assert.Equal("priority", Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddOfferRule(new Generators.FixedRule("r", OfferKind.Tier, true), -1)).ParamName);
        Assert.Equal("probabilityTransform", Assert.Throws<ArgumentNullException>(() => builder.UseProbabilityTransform(null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => builder.Configure(null!)).ParamName);
        builder.Build(); // the failed calls did not freeze or break it
    }

    // ---- Regressions ----

    [Theory]
    [InlineData("Presets")]
    [InlineData("SegmentPresets")]
    [InlineData("Offers")]
    [InlineData("Offers:Multipliers")]
    [InlineData("Windows")]
    [InlineData("Gates")]
    public void Build_NullOptionSection_TreatedAsDefaults_FixesNullReferenceAfterValidation(string section)
    {
        // Validate() read a null section as "the defaults" and reported no problem, but Build() then threw
        // NullReferenceException. A null section (as JSON "Gates": null binds) now means the defaults in both.
        var options = new ExpansionScoringOptions();
        switch (section)
        {
            case "Presets": options.Presets = null!; break;
            case "SegmentPresets": options.SegmentPresets = null!; break;
            case "Offers": options.Offers = null!; break;
            case "Offers:Multipliers": options.Offers.Multipliers = null!; break;
            case "Windows": options.Windows = null!; break;
            default: options.Gates = null!; break;
        }

        Assert.Empty(options.Validate());

        var model = ScoringModel.Create(options);

        var account = TestData.Uniform(100, arr: 200_000) with { HealthScore = 40, SeatsActive = 92, SeatsPurchased = 100, Plan = "Pro" };
        var expected = ScoringModel.Default.Score(account, TestData.AsOf);
        var actual = model.Score(account, TestData.AsOf);
        Assert.True(actual.IsGated, section);
        Assert.Equal(expected.Probability, actual.Probability);
        Assert.Equal(expected.Band.Name, actual.Band.Name);
        Assert.Equal(ScoringModel.Default.OfferRules, model.OfferRules);
        Assert.Equal(0.45, model.MultiplierOf(OfferKind.Tier));
        Assert.Equal(
            ScoringModel.Default.Score(account with { HealthScore = 90 }, TestData.AsOf),
            model.Score(account with { HealthScore = 90 }, TestData.AsOf) with { Band = ScoringModel.Default.Score(account with { HealthScore = 90 }, TestData.AsOf).Band });
    }

    [Fact]
    public void Build_CustomPresetDictionaryWithoutIgnoreCase_FoundCaseInsensitively_FixesUnknownPresetAfterValidation()
    {
        // Validation matched preset names case-insensitively, but Build looked them up with the dictionary's own
        // comparer, so a dictionary bound from JSON (ordinal comparer) failed with "'custom' is not a known preset".
        var options = new ExpansionScoringOptions
        {
            Preset = "custom",
            Presets = new Dictionary<string, Dictionary<string, double>> { ["Custom"] = new() { ["Champion"] = 1 } },
            SegmentPresets = { [Segment.SMB] = "CUSTOM" },
        };
        Assert.Empty(options.Validate());

        var model = ScoringModel.Create(options);

        Assert.Equal("Custom", model.PresetFor(Segment.MidMarket).Name);
        Assert.Equal("Custom", model.PresetFor(Segment.SMB).Name);
        Assert.Equal(70, model.Score(TestData.Account(0, 0, 0, 70, 0), TestData.AsOf).Composite, 9);
    }

    [Fact]
    public void Build_TwoDifferentPresetsWithOneName_Throws_FixesSegmentPresetSilentlyReplacingBookPreset()
    {
        // Presets were kept by name, so UsePreset(Segment.SMB, b) replaced the book-wide preset a of the same
        // name for every segment: a Mid-Market account scored with b's weights and nobody was told.
        var a = WeightPreset.Create("Custom", [new KeyValuePair<string, double>("PlanFit", 1)]);
        var b = WeightPreset.Create("Custom", [new KeyValuePair<string, double>("Champion", 1)]);
        var builder = new ScoringModelBuilder().UsePreset(a).UsePreset(Segment.SMB, b);

        var ex = Assert.Throws<ScoringConfigurationException>(() => builder.Build());

        Assert.Equal(["Presets:Custom is given twice with different weights; give each preset its own name."], ex.Errors);
    }

    [Fact]
    public void Build_SamePresetForSeveralSegments_Allowed()
    {
        var a = WeightPreset.Create("Custom", [new KeyValuePair<string, double>("PlanFit", 1)]);
        var model = new ScoringModelBuilder().UsePreset(a).UsePreset(Segment.SMB, a).UsePreset(Segment.Enterprise, WeightPreset.Create("Custom", a.Weights)).Build();
        Assert.Equal(100, model.Score(TestData.Account(100, 0, 0, 0, 0), TestData.AsOf).Composite, 9);
    }

    [Fact]
    public void UsePreset_OptionsGivenByTheCaller_LeftUnchanged()
    {
        var options = new ExpansionScoringOptions { Weights = new() { ["PlanFit"] = 1 } };
        var enterprise = WeightPreset.Create("EnterpriseOnly", [new KeyValuePair<string, double>("Champion", 1)]);

        var model = new ScoringModelBuilder(options)
            .UsePreset(WeightPreset.ProductLed)
            .UsePreset(Segment.Enterprise, enterprise)
            .Build();

        Assert.Equal("MidMarketBalanced", options.Preset);
        Assert.NotNull(options.Weights);
        Assert.Empty(options.SegmentPresets);
        Assert.Equal("ProductLed", model.PresetFor(Segment.SMB).Name);
        Assert.Equal("EnterpriseOnly", model.PresetFor(Segment.Enterprise).Name);
        Assert.Equal("Custom", ScoringModel.Create(options).PresetFor(Segment.SMB).Name);
    }
}
