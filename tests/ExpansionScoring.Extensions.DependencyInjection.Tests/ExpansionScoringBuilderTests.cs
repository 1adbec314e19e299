using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionScoring.Extensions.DependencyInjection.Tests;

public class ExpansionScoringBuilderTests
{
    private static readonly WeightPreset WithNps = WeightPreset.Create("WithNps", new Dictionary<string, double> { ["PlanFit"] = 1, ["Nps"] = 1 });

    [Fact]
    public void AddSignalScorer_CustomSignalWeightedByPreset_CountsInTheComposite()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring(o => o.Preset = WithNps.Name).AddSignalScorer<NpsScorer>().AddPreset(WithNps);
        using var provider = services.BuildServiceProvider();

        var explained = provider.GetRequiredService<IExpansionScorer>().Explain(Harness.Acme, Harness.AsOf);

        Assert.Equal(80, explained.Composite, 9); // (60 + 100) / 2
        Assert.Equal("Nps", explained.LoudestSignal);
        Assert.Same(provider.GetRequiredService<NpsScorer>(), provider.GetRequiredService<Internal.ScoringPluginCatalog>().Get(string.Empty).Scorers.Single());
    }

    [Fact]
    public void UseRubric_NamedHealthModelBesideExpansion_ScoresTheSameAccountBothWays()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring();
        services.AddExpansionScoring("health").UseRubric("health");
        using var provider = services.BuildServiceProvider();
        var scorers = provider.GetRequiredService<IExpansionScorerProvider>();
        var account = Harness.Acme with
        {
            Metrics = new Dictionary<string, double> { ["product_usage"] = 90, ["engagement_trend"] = 80, ["support"] = 80, ["business_outcomes"] = 80, ["sentiment"] = 70 },
        };

        var expansion = scorers.GetScorer(string.Empty).Score(account, Harness.AsOf);
        var health = scorers.GetScorer("health").Score(account, Harness.AsOf);

        Assert.Equal("Warm", expansion.Band.Name);
        Assert.Equal(81.5, health.RawScore, 9); // 27 + 16 + 12 + 16 + 10.5
        Assert.Equal("Expansion ready", health.Band.Name);
    }

    [Fact]
    public void UseRubric_UnknownName_ThrowsListingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddExpansionScoring("x").UseRubric("nope"));
        Assert.Contains("FourDimension, ReadinessPoints, PqlPoints, Health", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSignalScorer_SameTypeTwiceAndAnInstance_AddsEachOnce()
    {
        var services = new ServiceCollection();
        var instance = new NpsScorer();
        services.AddExpansionScoring().AddSignalScorer<NpsScorer>().AddSignalScorer<NpsScorer>();
        services.AddExpansionScoring().AddSignalScorer(instance).AddSignalScorer(instance);
        using var provider = services.BuildServiceProvider();

        var model = provider.GetRequiredService<IExpansionScorer>().Model;

        Assert.Single(model.Signals, k => k == NpsScorer.Nps);
        Assert.Single(services, d => d.ServiceType == typeof(NpsScorer));
    }

    [Fact]
    public void AddOfferRule_PriorityZero_IsTriedFirst()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring().AddOfferRule<AlwaysAddOnRule>(priority: 0).AddOfferRule<AlwaysAddOnRule>(priority: 3);
        using var provider = services.BuildServiceProvider();

        var scorer = provider.GetRequiredService<IExpansionScorer>();
        var score = scorer.Score(Harness.Acme, Harness.AsOf);

        Assert.Equal(OfferKind.AddOn, score.Offer);
        Assert.Equal("AlwaysAddOn", scorer.Model.OfferRules[0]);
        Assert.Equal(7, scorer.Model.OfferRules.Count);
    }

    [Fact]
    public void AddOfferRule_DefaultPriority_GoesJustBeforeFallback()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring().AddOfferRule(new AlwaysAddOnRule());
        using var provider = services.BuildServiceProvider();

        var rules = provider.GetRequiredService<IExpansionScorer>().Model.OfferRules;

        Assert.Equal(["AlwaysAddOn", "Fallback"], rules.TakeLast(2));
    }

    [Fact]
    public void UseProbabilityTransform_Custom_ReplacesTheConfiguredOne()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring().UseProbabilityTransform<FlatTransform>();
        using var provider = services.BuildServiceProvider();

        var score = provider.GetRequiredService<IExpansionScorer>().Score(Harness.Acme, Harness.AsOf);

        Assert.Equal(42, score.Probability);
    }

    [Fact]
    public void Plugins_OfNamedModels_StayApart()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring();
        services.AddExpansionScoring("health").AddOfferRule<AlwaysAddOnRule>(0);
        using var provider = services.BuildServiceProvider();

        var scorers = provider.GetRequiredService<IExpansionScorerProvider>();

        Assert.Equal(OfferKind.AddOn, scorers.GetScorer("health").Score(Harness.Acme, Harness.AsOf).Offer);
        Assert.NotEqual(OfferKind.AddOn, scorers.GetScorer(string.Empty).Score(Harness.Acme, Harness.AsOf).Offer);
    }

    [Fact]
    public void Builder_ExposesWhatItRegisters()
    {
        var services = new ServiceCollection();

        var builder = services.AddExpansionScoring("health");

        Assert.Same(services, builder.Services);
        Assert.Equal("health", builder.Name);
        Assert.Equal("ExpansionScoring:Models:health", builder.ConfigurationSectionPath);
        Assert.Equal("ExpansionScoring", services.AddExpansionScoring().ConfigurationSectionPath);
    }

    [Fact]
    public void Builder_BadArguments_Throw()
    {
        var builder = new ServiceCollection().AddExpansionScoring();

        Assert.Throws<ArgumentNullException>("configure", () => builder.Configure(null!));
        Assert.Throws<ArgumentNullException>("scorer", () => builder.AddSignalScorer(null!));
        Assert.Throws<ArgumentNullException>("rule", () => builder.AddOfferRule(null!));
        Assert.Throws<ArgumentOutOfRangeException>("priority", () => builder.AddOfferRule(new AlwaysAddOnRule(), -1));
        Assert.Throws<ArgumentOutOfRangeException>("priority", () => builder.AddOfferRule<AlwaysAddOnRule>(-1));
        Assert.Throws<ArgumentNullException>("preset", () => builder.AddPreset(null!));
    }

    [Fact]
    public void Scorer_BadArguments_Throw()
    {
        var services = new ServiceCollection();
        services.AddExpansionScoring();
        using var provider = services.BuildServiceProvider();
        var scorer = provider.GetRequiredService<IExpansionScorer>();

        Assert.Throws<ArgumentNullException>("account", () => scorer.Score(null!));
        Assert.Throws<ArgumentNullException>("account", () => scorer.Explain((Account)null!));
        Assert.Throws<ArgumentNullException>("accounts", () => scorer.Explain((IEnumerable<Account>)null!));
        Assert.Throws<ArgumentNullException>("accounts", () => scorer.Explain([Harness.Acme, null!]));
    }
}
