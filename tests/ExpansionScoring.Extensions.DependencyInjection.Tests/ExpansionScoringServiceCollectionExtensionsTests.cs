using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Tests;

public class ExpansionScoringServiceCollectionExtensionsTests
{
    [Fact]
    public void AddExpansionScoring_Default_ResolvesEveryPublicService()
    {
        var harness = new Harness();
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();

        var scorer = provider.GetRequiredService<IExpansionScorer>();

        Assert.Same(scorer, provider.GetRequiredService<IExpansionScorerProvider>().GetScorer(string.Empty));
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.NotNull(provider.GetRequiredService<IOptions<ExpansionScoringOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptionsMonitor<ExpansionScoringOptions>>().CurrentValue);
        Assert.Equal(string.Empty, scorer.Name);
        Assert.Equal(WeightPreset.MidMarketBalanced.Name, scorer.Model.PresetFor(Segment.MidMarket).Name);
        Assert.Equal(ScoringModel.Default.Score(Harness.Acme, Harness.AsOf).Probability, scorer.Score(Harness.Acme, Harness.AsOf).Probability);
    }

    [Fact]
    public void AddExpansionScoring_WithoutConfiguration_WorksInAPlainContainer()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring(o => o.Preset = "Enterprise");
        using var provider = services.BuildServiceProvider();

        var scorer = provider.GetRequiredService<IExpansionScorer>();

        Assert.Equal("Enterprise", scorer.Model.PresetFor(Segment.SMB).Name);
    }

    [Fact]
    public void AddExpansionScoring_CalledTwice_RegistersOnceAndAppliesBothChanges()
    {
        var harness = new Harness(new()
        {
            ["ExpansionScoring:Offers:Rules:0:Name"] = "Everyone",
            ["ExpansionScoring:Offers:Rules:0:Offer"] = "Tier",
        });
        harness.Services.AddExpansionScoring(o => o.Preset = "Enterprise");
        int count = harness.Services.Count;

        harness.Services.AddExpansionScoring(o => o.Offers.Multipliers[OfferKind.Tier] = 0.5);
        using var provider = harness.Build();
        var scorer = provider.GetRequiredService<IExpansionScorer>();

        Assert.Equal(count + 1, harness.Services.Count); // only the second configure callback
        Assert.Single(harness.Services, d => d.ServiceType == typeof(IExpansionScorer));
        Assert.Equal(["Everyone"], scorer.Model.OfferRules); // the section was bound once, not twice
        Assert.Equal("Enterprise", scorer.Model.PresetFor(Segment.SMB).Name);
        Assert.Equal(0.5, scorer.Model.MultiplierOf(OfferKind.Tier));
    }

    [Fact]
    public void AddExpansionScoring_TimeProviderAlreadyRegistered_KeepsItAndScoresAsOfItsToday()
    {
        var harness = new Harness();
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero));
        harness.Services.AddSingleton<TimeProvider>(time);
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();

        var scorer = provider.GetRequiredService<IExpansionScorer>();
        var account = Harness.Acme with { DaysToRenewal = null, RenewalDate = new DateOnly(2026, 4, 13) };

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(new DateOnly(2026, 3, 14), scorer.Today);
        Assert.Equal(
            scorer.Model.Explain(account, new DateOnly(2026, 3, 14)).Rationale,
            scorer.Explain(account).Rationale);
    }

    [Fact]
    public void AddExpansionScoring_ConfigurationSection_IsBoundWithoutExtraCode()
    {
        var harness = new Harness(new()
        {
            ["ExpansionScoring:Preset"] = "Mine",
            ["ExpansionScoring:Presets:Mine:PlanFit"] = "1",
            ["ExpansionScoring:Presets:Mine:Champion"] = "3",
            ["ExpansionScoring:SegmentPresets:Enterprise"] = "Enterprise",
            ["ExpansionScoring:MissingSignals"] = "TreatAsZero",
            ["ExpansionScoring:Probability:Transform"] = "Logistic",
            ["ExpansionScoring:Bands:0:Name"] = "Ready",
            ["ExpansionScoring:Bands:0:MinProbability"] = "60",
            ["ExpansionScoring:Bands:1:Name"] = "NotYet",
            ["ExpansionScoring:Bands:1:MinProbability"] = "0",
            ["ExpansionScoring:Windows:NowBands:0"] = "Ready",
            ["ExpansionScoring:Windows:Next30Bands:0"] = "Ready",
            ["ExpansionScoring:Windows:Next30RenewalBands:0"] = "NotYet",
            ["ExpansionScoring:Windows:Next60Bands:0"] = "NotYet",
            ["ExpansionScoring:Offers:Multipliers:Tier"] = "0.5",
            ["ExpansionScoring:Offers:PlanLadder:0"] = "Pro",
            ["ExpansionScoring:Offers:PlanLadder:1"] = "Ultra",
            ["ExpansionScoring:Offers:SeatsTargetUtilization"] = "0.8",
            ["ExpansionScoring:Gates:HealthEnabled"] = "false",
        });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();

        var model = provider.GetRequiredService<IExpansionScorer>().Model;

        Assert.Equal("Mine", model.PresetFor(Segment.SMB).Name);
        Assert.Equal(3, model.PresetFor(Segment.SMB).WeightOf(Signals.SignalKey.Champion));
        Assert.Equal("Enterprise", model.PresetFor(Segment.Enterprise).Name);
        Assert.Equal(MissingSignalPolicy.TreatAsZero, model.MissingSignalPolicy);
        Assert.IsType<Probability.LogisticProbabilityTransform>(model.ProbabilityTransform);
        Assert.Equal(["Ready", "NotYet"], model.Bands.Select(b => b.Name));
        Assert.Equal(0.5, model.MultiplierOf(OfferKind.Tier));
        Assert.Equal(["Pro", "Ultra"], model.PlanLadder);
    }

    [Fact]
    public void AddExpansionScoring_NamedModels_ScoreTheSameAccountSideBySide()
    {
        var harness = new Harness(new()
        {
            ["ExpansionScoring:Models:health:Preset"] = "Enterprise",
        });
        harness.Services.AddExpansionScoring();
        harness.Services.AddExpansionScoring("health", o => o.Bands = [new() { Name = "Healthy", MinProbability = 60 }, new() { Name = "AtRisk", MinProbability = 0 }])
            .Configure(o => o.Windows = new() { NowBands = ["Healthy"], Next30Bands = ["Healthy"], Next30RenewalBands = [], Next60Bands = ["AtRisk"] });
        using var provider = harness.Build();

        var expansion = provider.GetRequiredService<IExpansionScorer>();
        var health = provider.GetRequiredService<IExpansionScorerProvider>().GetScorer("health");

        Assert.Same(health, provider.GetRequiredKeyedService<IExpansionScorer>("health"));
        Assert.Equal("health", health.Name);
        Assert.Equal("MidMarketBalanced", expansion.Explain(Harness.Acme, Harness.AsOf).Preset);
        Assert.Equal("Enterprise", health.Explain(Harness.Acme, Harness.AsOf).Preset);
        Assert.Equal("Healthy", health.Explain(Harness.Acme, Harness.AsOf).Band);
        Assert.Equal("Warm", expansion.Explain(Harness.Acme, Harness.AsOf).Band);
    }

    [Fact]
    public void GetScorer_UnknownName_ThrowsKeyNotFound()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring("health");
        using var provider = services.BuildServiceProvider();
        var scorers = provider.GetRequiredService<IExpansionScorerProvider>();

        Assert.Throws<KeyNotFoundException>(() => scorers.GetScorer("expansion"));
        Assert.Throws<KeyNotFoundException>(() => scorers.GetScorer(string.Empty));
        Assert.Throws<ArgumentNullException>("name", () => scorers.GetScorer(null!));
        Assert.Null(provider.GetService<IExpansionScorer>());
    }

    [Fact]
    public void AddExpansionScoring_BadArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>("services", () => ExpansionScoringServiceCollectionExtensions.AddExpansionScoring(null!));
        Assert.Throws<ArgumentNullException>("services", () => ExpansionScoringServiceCollectionExtensions.AddExpansionScoring(null!, "health"));
        Assert.Throws<ArgumentNullException>("name", () => services.AddExpansionScoring((string)null!));
        Assert.Throws<ArgumentException>("name", () => services.AddExpansionScoring(string.Empty));
        Assert.Throws<ArgumentException>("name", () => services.AddExpansionScoring("has:colon"));
    }

    [Fact]
    public void ValidateOnStart_BadConfiguration_ThrowsOneExceptionListingEveryKey()
    {
        var harness = new Harness(new()
        {
            ["ExpansionScoring:Weights:PlanFit"] = "1",
            ["ExpansionScoring:Weights:Champion"] = "-0.2",
            ["ExpansionScoring:Gates:MinHealthScore"] = "120",
            ["ExpansionScoring:Offers:SeatsTargetUtilization"] = "1.5",
        });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "ExpansionScoring:Weights:Champion must be >= 0, was -0.2.; "
            + "ExpansionScoring:Offers:SeatsTargetUtilization must be in (0, 1], was 1.5.; "
            + "ExpansionScoring:Gates:MinHealthScore must be in 0..100, was 120.",
            ex.Message);
    }

    [Fact]
    public void ValidateOnStart_NamedModel_PrefixesItsSection()
    {
        var harness = new Harness(new() { ["ExpansionScoring:Models:health:Preset"] = "Nope" });
        harness.Services.AddExpansionScoring("health");
        using var provider = harness.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("ExpansionScoring:Models:health:Preset: 'Nope' is not a known preset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_UnconvertibleValue_IsReportedWithItsKey()
    {
        var harness = new Harness(new() { ["ExpansionScoring:Gates:MinHealthScore"] = "sixty" });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ExpansionScoring:Gates:MinHealthScore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_ValidConfiguration_Passes()
    {
        var harness = new Harness(new() { ["ExpansionScoring:Preset"] = "ProductLed" });
        harness.Services.AddExpansionScoring();
        using var provider = harness.Build();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
