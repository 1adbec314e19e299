using ExpansionScoring.Internal;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;

namespace ExpansionScoring;

/// <summary>
/// Builds a <see cref="ScoringModel"/> from options and code plug-ins. Single-use: <see cref="Build"/> validates
/// everything at once and any call after it throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class ScoringModelBuilder
{
    private readonly List<ISignalScorer> scorers = [];
    private readonly List<(IOfferRule Rule, int? Priority)> rules = [];
    private readonly Dictionary<string, WeightPreset> presets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> presetConflicts = [];

    // UsePreset's choices, applied over a copy of the options at Build, so the caller's options are never changed.
    private readonly Dictionary<Segment, string> segmentPresetChoices = [];
    private WeightPreset? bookPreset;
    private IProbabilityTransform? transform;
    private bool built;

    /// <summary>Initializes a new instance of the <see cref="ScoringModelBuilder"/> class with the SPEC defaults.</summary>
    public ScoringModelBuilder()
        : this(new ExpansionScoringOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringModelBuilder"/> class from options.</summary>
    /// <param name="options">The options; read when <see cref="Build"/> is called.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public ScoringModelBuilder(ExpansionScoringOptions options) => Options = Guard.NotNull(options);

    /// <summary>
    /// Gets the options the model will be built from. The builder never changes them: the choices of
    /// <see cref="UsePreset(WeightPreset)"/> and <see cref="UsePreset(Segment, WeightPreset)"/> are applied over a copy at
    /// <see cref="Build"/>. (<see cref="Configure"/> changes them, because that is what it is asked to do.)
    /// </summary>
    public ExpansionScoringOptions Options { get; }

    /// <summary>Uses <paramref name="preset"/> for the whole book.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="preset"/> is <see langword="null"/>.</exception>
    public ScoringModelBuilder UsePreset(WeightPreset preset)
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        Guard.NotNull(preset);
        AddPreset(preset);
        bookPreset = preset;
        return this;
    }

    /// <summary>Uses <paramref name="preset"/> for accounts of <paramref name="segment"/>.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="preset">The preset.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="preset"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segment"/> is undefined.</exception>
    public ScoringModelBuilder UsePreset(Segment segment, WeightPreset preset)
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        Guard.Defined(segment);
        Guard.NotNull(preset);
        AddPreset(preset);
        segmentPresetChoices[segment] = preset.Name;
        return this;
    }

    /// <summary>Adds a signal scorer; it replaces any scorer (built-in or not) for the same key.</summary>
    /// <param name="scorer">The scorer.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scorer"/> is <see langword="null"/>.</exception>
    public ScoringModelBuilder AddSignalScorer(ISignalScorer scorer)
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        Guard.NotNull(scorer);
        scorers.RemoveAll(s => s.Key == scorer.Key);
        scorers.Add(scorer);
        return this;
    }

    /// <summary>Adds an offer rule written in code.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="priority">
    /// Its 0-based position among the rules; <see langword="null"/> (the default) puts it just before the final
    /// "Fallback" rule, so it is tried after the SPEC rules but before the catch-all.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is negative.</exception>
    public ScoringModelBuilder AddOfferRule(IOfferRule rule, int? priority = null)
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        Guard.NotNull(rule);
        Guard.NonNegative(priority);
        rules.Add((rule, priority));
        return this;
    }

    /// <summary>Uses a custom probability transform instead of the one in the options. Its output is still clamped to 5..95.</summary>
    /// <param name="probabilityTransform">The transform.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="probabilityTransform"/> is <see langword="null"/>.</exception>
    public ScoringModelBuilder UseProbabilityTransform(IProbabilityTransform probabilityTransform)
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        transform = Guard.NotNull(probabilityTransform);
        return this;
    }

    /// <summary>Changes the options in code.</summary>
    /// <param name="configure">The change.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public ScoringModelBuilder Configure(Action<ExpansionScoringOptions> configure)
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        Guard.NotNull(configure)(Options);
        return this;
    }

    /// <summary>Validates everything and builds the immutable, thread-safe model.</summary>
    /// <returns>The model.</returns>
    /// <exception cref="ScoringConfigurationException">The configuration is invalid; the message lists every problem.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public ScoringModel Build()
    {
        Guard.NotFrozen(built, nameof(ScoringModelBuilder));
        var options = Effective();
        var errors = new List<string>(ModelCompiler.Validate(options, scorers.Select(s => s.Key), presets));
        foreach (var preset in presets.Values)
        {
            var known = ModelCompiler.KnownSignals(options, scorers.Select(s => s.Key), null);
            foreach (var (key, _) in preset.Weights)
            {
                if (!known.Contains(key))
                {
                    errors.Add($"Presets:{preset.Name}:{key} is not a known signal (known: {string.Join(", ", known.Select(k => k.Name))}).");
                }
            }
        }

        errors.AddRange(presetConflicts);
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }

        built = true;
        return new ScoringModel(options, scorers, rules, transform, presets);
    }

    // Presets are resolved by name, so two different presets under one name would silently share weights.
    private void AddPreset(WeightPreset preset)
    {
        if (presets.TryGetValue(preset.Name, out var existing) && !existing.Weights.SequenceEqual(preset.Weights))
        {
            string conflict = $"Presets:{preset.Name} is given twice with different weights; give each preset its own name.";
            if (!presetConflicts.Contains(conflict))
            {
                presetConflicts.Add(conflict);
            }
        }

        presets[preset.Name] = preset;
    }

    /// <summary>The options with UsePreset's choices applied: the caller's own object when there are none, else a copy.</summary>
    private ExpansionScoringOptions Effective()
    {
        if (bookPreset is null && segmentPresetChoices.Count == 0)
        {
            return Options;
        }

        var options = Options.ShallowCopy();
        if (bookPreset is not null)
        {
            options.Preset = bookPreset.Name;
            options.Weights = null;
        }

        options.SegmentPresets = new Dictionary<Segment, string>(Options.SegmentPresets ?? []);
        foreach (var (segment, name) in segmentPresetChoices)
        {
            options.SegmentPresets[segment] = name;
        }

        return options;
    }
}
