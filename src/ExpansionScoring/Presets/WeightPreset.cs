using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Presets;

/// <summary>
/// A named set of signal weights (SPEC §3). Weights need not sum to 1; the composite normalises them.
/// Immutable; create custom presets with <see cref="Create(string, IEnumerable{KeyValuePair{SignalKey, double}})"/>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpansionScoring.Serialization.WeightPresetJsonConverter))]
public sealed class WeightPreset
{
    /// <summary>
    /// The largest weight a preset may give a signal: 10^6. With at most 64 signals of at most 100 points each, every
    /// weighted sum stays below 10^10, far from overflow, and the ratio of the largest to the smallest weight that
    /// matters stays within what a double resolves.
    /// </summary>
    public const double MaxWeight = 1_000_000;

    private readonly KeyValuePair<SignalKey, double>[] weights;

    private WeightPreset(string name, KeyValuePair<SignalKey, double>[] weights)
    {
        Name = name;
        this.weights = weights;
    }

    /// <summary>Gets MidMarketBalanced, the default: PlanFit 0.30, Velocity 0.25, Engagement 0.15, Champion 0.20, Triggers 0.10.</summary>
    public static WeightPreset MidMarketBalanced { get; } = BuiltIn(nameof(MidMarketBalanced));

    /// <summary>Gets Enterprise: PlanFit 0.15, Velocity 0.15, Engagement 0.15, Champion 0.40, Triggers 0.15.</summary>
    public static WeightPreset Enterprise { get; } = BuiltIn(nameof(Enterprise));

    /// <summary>Gets ProductLed (PLG): PlanFit 0.35, Velocity 0.35, Engagement 0.15, Champion 0.05, Triggers 0.10.</summary>
    public static WeightPreset ProductLed { get; } = BuiltIn(nameof(ProductLed));

    /// <summary>Gets SmbSeatHeavy: PlanFit 0.40, Velocity 0.25, Engagement 0.15, Champion 0.10, Triggers 0.10.</summary>
    public static WeightPreset SmbSeatHeavy { get; } = BuiltIn(nameof(SmbSeatHeavy));

    /// <summary>Gets the four built-in presets.</summary>
    public static IReadOnlyList<WeightPreset> BuiltInPresets { get; } = [MidMarketBalanced, Enterprise, ProductLed, SmbSeatHeavy];

    /// <summary>Gets the preset's name.</summary>
    public string Name { get; }

    /// <summary>Gets the weights in key order.</summary>
    public IReadOnlyList<KeyValuePair<SignalKey, double>> Weights => weights;

    /// <summary>Gets the sum of the weights.</summary>
    public double TotalWeight => weights.Sum(w => w.Value);

    /// <summary>Finds a built-in preset by name, case-insensitively.</summary>
    /// <param name="name">The name, such as <c>"enterprise"</c>.</param>
    /// <param name="preset">The preset when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public static bool TryGetBuiltIn(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WeightPreset? preset)
    {
        preset = BuiltInPresets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return preset is not null;
    }

    /// <summary>Creates a custom preset.</summary>
    /// <param name="name">The preset's name.</param>
    /// <param name="weights">The weights; each finite and >= 0, at least one above 0, no key twice.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The weights are invalid; the message lists every problem.</exception>
    public static WeightPreset Create(string name, IEnumerable<KeyValuePair<SignalKey, double>> weights)
    {
        Guard.NotNullOrWhiteSpace(name);
        Guard.NotNull(weights);
        var list = weights.ToList();
        var errors = new List<string>();
        Validate(name, list.Select(w => (w.Key.Name, w.Value)), errors);
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }

        return new WeightPreset(name, [.. list.OrderBy(w => w.Key)]);
    }

    /// <summary>Creates a custom preset from signal names, as read from JSON or configuration.</summary>
    /// <param name="name">The preset's name.</param>
    /// <param name="weights">Signal name → weight; each finite and >= 0, at least one above 0.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The weights are invalid; the message lists every problem.</exception>
    public static WeightPreset Create(string name, IEnumerable<KeyValuePair<string, double>> weights)
    {
        Guard.NotNullOrWhiteSpace(name);
        Guard.NotNull(weights);
        var list = weights.ToList();
        var errors = new List<string>();
        Validate(name, list.Select(w => (w.Key, w.Value)), errors);
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }

        return new WeightPreset(name, [.. list.Select(w => new KeyValuePair<SignalKey, double>(SignalKey.Of(w.Key), w.Value)).OrderBy(w => w.Key)]);
    }

    /// <summary>Gets the weight of <paramref name="key"/>; 0 when the preset does not weight it.</summary>
    /// <param name="key">The signal.</param>
    /// <returns>The weight.</returns>
    public double WeightOf(SignalKey key)
    {
        foreach (var w in weights)
        {
            if (w.Key == key)
            {
                return w.Value;
            }
        }

        return 0;
    }

    /// <summary>Returns a copy with every weight multiplied by <paramref name="factor"/>; scores are unchanged by this.</summary>
    /// <param name="factor">A finite factor above 0.</param>
    /// <returns>The scaled preset, with the same name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not finite and above 0, or a scaled weight would exceed <see cref="MaxWeight"/>.</exception>
    public WeightPreset Scale(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Factor must be a finite number above 0.");
        }

        if (weights.Any(w => w.Value * factor > MaxWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, FormattableString.Invariant($"Factor would take a weight above {MaxWeight} (WeightPreset.MaxWeight)."));
        }

        return new WeightPreset(Name, [.. weights.Select(w => new KeyValuePair<SignalKey, double>(w.Key, w.Value * factor))]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({string.Join(", ", weights.Select(w => $"{w.Key} {w.Value:0.###}"))})";

    /// <summary>Collects every problem with a set of weights, each message prefixed with <paramref name="path"/>.</summary>
    internal static void Validate(string path, IEnumerable<(string Key, double Weight)> weights, List<string> errors, ICollection<SignalKey>? knownSignals = null)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool anyPositive = false;
        int count = 0;
        foreach (var (key, weight) in weights)
        {
            count++;
            if (!SignalKey.IsValidName(key))
            {
                errors.Add(FormattableString.Invariant($"{path}: '{key}' is not a valid signal name."));
                continue;
            }

            if (!seen.Add(key))
            {
                errors.Add(FormattableString.Invariant($"{path}:{key} is given more than once."));
            }

            if (double.IsNaN(weight) || double.IsInfinity(weight))
            {
                errors.Add(FormattableString.Invariant($"{path}:{key} must be a finite number, was {weight}."));
            }
            else if (weight < 0)
            {
                errors.Add(FormattableString.Invariant($"{path}:{key} must be >= 0, was {weight}."));
            }
            else if (weight > 0)
            {
                anyPositive = true;
                if (weight > MaxWeight)
                {
                    errors.Add(FormattableString.Invariant($"{path}:{key} must be <= {MaxWeight} (WeightPreset.MaxWeight; weights are relative, so scale them all down), was {weight}."));
                }
            }

            if (knownSignals is not null && !knownSignals.Contains(SignalKey.Of(key)))
            {
                errors.Add(FormattableString.Invariant($"{path}:{key} is not a known signal (known: {string.Join(", ", knownSignals.OrderBy(k => k).Select(k => k.Name))})."));
            }
        }

        if (count == 0)
        {
            errors.Add(FormattableString.Invariant($"{path} has no weights."));
        }
        else if (!anyPositive)
        {
            errors.Add(FormattableString.Invariant($"{path}: at least one weight must be above 0."));
        }
    }

    /// <summary>A built-in preset: each built-in signal's weight in it, from the one table of built-in signals (a weight of 0 leaves the signal out).</summary>
    private static WeightPreset BuiltIn(string name)
        => new(name, [.. BuiltInSignals.All.Select((s, id) => new KeyValuePair<SignalKey, double>(SignalKey.BuiltIn[id], s.WeightIn(name))).Where(w => w.Value > 0)]);
}
