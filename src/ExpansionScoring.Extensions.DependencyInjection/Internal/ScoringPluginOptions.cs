using ExpansionScoring.Offers;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>One plug-in: what identifies it (its type or instance, so adding it twice is harmless) and how to get it.</summary>
internal sealed record PluginRegistration(object Identity, Func<IServiceProvider, object> Factory, int? Priority = null);

/// <summary>The code plug-ins of one model, kept as named options so each model has its own.</summary>
internal sealed class ScoringPluginOptions
{
    public List<PluginRegistration> Scorers { get; } = [];

    public List<PluginRegistration> Rules { get; } = [];

    public PluginRegistration? Transform { get; set; }
}

/// <summary>The plug-in instances of one model.</summary>
internal sealed record ScoringPlugins(IReadOnlyList<ISignalScorer> Scorers, IReadOnlyList<(IOfferRule Rule, int? Priority)> Rules, IProbabilityTransform? Transform)
{
    public ScoringModel Build(ExpansionScoringOptions options)
    {
        var builder = new ScoringModelBuilder(options);
        foreach (var scorer in Scorers)
        {
            builder.AddSignalScorer(scorer);
        }

        foreach (var (rule, priority) in Rules)
        {
            builder.AddOfferRule(rule, priority);
        }

        if (Transform is not null)
        {
            builder.UseProbabilityTransform(Transform);
        }

        return builder.Build();
    }
}

/// <summary>Creates each model's plug-ins once, so validation and scoring see the same instances.</summary>
internal sealed class ScoringPluginCatalog(IServiceProvider services, IOptionsMonitor<ScoringPluginOptions> registrations)
{
    private readonly Dictionary<string, ScoringPlugins> cache = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public ScoringPlugins Get(string name)
    {
        lock (gate)
        {
            if (!cache.TryGetValue(name, out var plugins))
            {
                var r = registrations.Get(name);
                plugins = new ScoringPlugins(
                    [.. r.Scorers.Select(s => (ISignalScorer)s.Factory(services))],
                    [.. r.Rules.Select(s => ((IOfferRule)s.Factory(services), s.Priority))],
                    (IProbabilityTransform?)r.Transform?.Factory(services));
                cache[name] = plugins;
            }

            return plugins;
        }
    }
}
