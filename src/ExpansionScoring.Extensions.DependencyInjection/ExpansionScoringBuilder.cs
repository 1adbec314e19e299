using ExpansionScoring.Extensions.DependencyInjection.Internal;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExpansionScoring.Extensions.DependencyInjection;

/// <summary>
/// Adds code to one registered model: signal scorers, offer rules, presets, a probability transform or option
/// changes. Returned by <c>AddExpansionScoring</c>; every method returns the builder so calls chain. Adding the
/// same plug-in twice is harmless.
/// </summary>
public sealed class ExpansionScoringBuilder
{
    internal ExpansionScoringBuilder(IServiceCollection services, string name, string configurationSectionPath)
    {
        Services = services;
        Name = name;
        ConfigurationSectionPath = configurationSectionPath;
    }

    /// <summary>Gets the service collection the model is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the model's name; empty for the default model.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets the configuration section the model's options are bound from: <c>ExpansionScoring</c> for the default model,
    /// <c>ExpansionScoring:Models:{name}</c> for a named one.
    /// </summary>
    public string ConfigurationSectionPath { get; }

    /// <summary>Changes the model's options in code. Runs after configuration binding, so code wins.</summary>
    /// <param name="configure">The change.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public ExpansionScoringBuilder Configure(Action<ExpansionScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(Name, configure);
        return this;
    }

    /// <summary>
    /// Adds a signal scorer, resolved from the container (registered as a singleton when absent). It replaces the
    /// built-in scorer of the same signal; a new signal must still be weighted by a preset to count.
    /// </summary>
    /// <typeparam name="TScorer">The scorer; thread-safe, since one instance serves every call.</typeparam>
    /// <returns>This builder.</returns>
    public ExpansionScoringBuilder AddSignalScorer<TScorer>()
        where TScorer : class, ISignalScorer
    {
        Services.TryAddSingleton<TScorer>();
        return AddPlugin(p => p.Scorers, new PluginRegistration(typeof(TScorer), static sp => sp.GetRequiredService<TScorer>()));
    }

    /// <summary>Adds a signal scorer instance.</summary>
    /// <param name="scorer">The scorer; thread-safe.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scorer"/> is <see langword="null"/>.</exception>
    public ExpansionScoringBuilder AddSignalScorer(ISignalScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return AddPlugin(p => p.Scorers, new PluginRegistration(scorer, _ => scorer));
    }

    /// <summary>Adds an offer rule written in code, resolved from the container (registered as a singleton when absent).</summary>
    /// <typeparam name="TRule">The rule; thread-safe.</typeparam>
    /// <param name="priority">
    /// Its 0-based position among the rules; <see langword="null"/> (the default) puts it just before the final
    /// "Fallback" rule.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is negative.</exception>
    public ExpansionScoringBuilder AddOfferRule<TRule>(int? priority = null)
        where TRule : class, IOfferRule
    {
        CheckPriority(priority);
        Services.TryAddSingleton<TRule>();
        return AddPlugin(p => p.Rules, new PluginRegistration(typeof(TRule), static sp => sp.GetRequiredService<TRule>(), priority));
    }

    /// <summary>Adds an offer rule instance.</summary>
    /// <param name="rule">The rule; thread-safe.</param>
    /// <param name="priority">Its 0-based position among the rules; <see langword="null"/> puts it just before "Fallback".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is negative.</exception>
    public ExpansionScoringBuilder AddOfferRule(IOfferRule rule, int? priority = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CheckPriority(priority);
        return AddPlugin(p => p.Rules, new PluginRegistration(rule, _ => rule, priority));
    }

    /// <summary>Adds a preset under its name, so <see cref="ExpansionScoringOptions.Preset"/> or a segment can use it.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="preset"/> is <see langword="null"/>.</exception>
    public ExpansionScoringBuilder AddPreset(WeightPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var weights = preset.Weights.ToDictionary(w => w.Key.Name, w => w.Value, StringComparer.OrdinalIgnoreCase);
        return Configure(o => o.Presets[preset.Name] = new Dictionary<string, double>(weights, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Makes this model one of the ready-made rubrics of SPEC §10 (<see cref="ExpansionScoring.Rubrics.RubricCatalog.Names"/>:
    /// FourDimension, ReadinessPoints, PqlPoints, Health, or Expansion for the default five-signal model), so an
    /// expansion model and, say, a health model can be scored side by side. The rubric replaces the options bound
    /// so far; <see cref="Configure"/> calls made after this one still adjust it.
    /// </summary>
    /// <param name="rubric">The rubric's name, case-insensitive.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rubric"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rubric"/> is not a known rubric.</exception>
    public ExpansionScoringBuilder UseRubric(string rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        if (!ExpansionScoring.Rubrics.RubricCatalog.TryCreate(rubric, out _))
        {
            throw new ArgumentException($"'{rubric}' is not a known rubric (known: {string.Join(", ", ExpansionScoring.Rubrics.RubricCatalog.Names)}).", nameof(rubric));
        }

        return Configure(o =>
        {
            ExpansionScoring.Rubrics.RubricCatalog.TryCreate(rubric, out var r);
            o.Preset = r!.Preset;
            o.Weights = r.Weights;
            o.Presets = r.Presets;
            o.SegmentPresets = r.SegmentPresets;
            o.Signals = r.Signals;
            o.Scorers = r.Scorers;
            o.Aggregation = r.Aggregation;
            o.MaxPoints = r.MaxPoints;
            o.BandBasis = r.BandBasis;
            o.MaxSignalAgeDays = r.MaxSignalAgeDays;
            o.SignalMaxAgeDays = r.SignalMaxAgeDays;
            o.MissingSignals = r.MissingSignals;
            o.Probability = r.Probability;
            o.Bands = r.Bands;
            o.Offers = r.Offers;
            o.Windows = r.Windows;
            o.Gates = r.Gates;
        });
    }

    /// <summary>
    /// Uses a custom probability transform, resolved from the container (registered as a singleton when absent),
    /// instead of the one in the options. Its output is still clamped to 5..95. The last call wins.
    /// </summary>
    /// <typeparam name="TTransform">The transform; thread-safe and non-decreasing.</typeparam>
    /// <returns>This builder.</returns>
    public ExpansionScoringBuilder UseProbabilityTransform<TTransform>()
        where TTransform : class, IProbabilityTransform
    {
        Services.TryAddSingleton<TTransform>();
        Services.Configure<ScoringPluginOptions>(Name, p => p.Transform = new PluginRegistration(typeof(TTransform), static sp => sp.GetRequiredService<TTransform>()));
        return this;
    }

    private static void CheckPriority(int? priority)
    {
        if (priority < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "Priority must be >= 0.");
        }
    }

    private ExpansionScoringBuilder AddPlugin(Func<ScoringPluginOptions, List<PluginRegistration>> list, PluginRegistration registration)
    {
        Services.Configure<ScoringPluginOptions>(Name, p =>
        {
            var registrations = list(p);
            if (!registrations.Exists(r => Equals(r.Identity, registration.Identity)))
            {
                registrations.Add(registration);
            }
        });
        return this;
    }
}
