using ExpansionScoring.Bands;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Probability;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>
/// Everything SPEC makes configurable, as plain data: bind it from configuration, read it from JSON or set it in code,
/// then build a <see cref="ScoringModel"/> from it. Every default is the SPEC default.
/// </summary>
public sealed class ExpansionScoringOptions
{
    /// <summary>Gets or sets the preset used for the whole book. <value>The default value is <c>"MidMarketBalanced"</c>.</value></summary>
    public string Preset { get; set; } = "MidMarketBalanced";

    /// <summary>
    /// Gets or sets weights for the whole book, overriding <see cref="Preset"/> (signal name → weight).
    /// <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public Dictionary<string, double>? Weights { get; set; }

    /// <summary>Gets or sets custom presets by name (preset → signal name → weight). <value>The default value is empty.</value></summary>
    public Dictionary<string, Dictionary<string, double>> Presets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the preset per segment, overriding the book-wide one. <value>The default value is empty.</value></summary>
    public Dictionary<Segment, string> SegmentPresets { get; set; } = [];

    /// <summary>
    /// Gets or sets extra signals that accounts supply directly (no scorer), so presets may weight them.
    /// <value>The default value is empty.</value>
    /// </summary>
    public List<string> Signals { get; set; } = [];

    /// <summary>
    /// Gets or sets signal scorers as data: each derives a signal from one of the account's metrics (linear or step).
    /// Their signals can be weighted like the built-in ones. <value>The default value is empty.</value>
    /// </summary>
    public List<Signals.MetricScorerOptions> Scorers { get; set; } = [];

    /// <summary>Gets or sets how signals combine into the score. <value>The default value is <see cref="AggregationKind.WeightedAverage"/>.</value></summary>
    public AggregationKind Aggregation { get; set; } = AggregationKind.WeightedAverage;

    /// <summary>
    /// Gets or sets the most points a <see cref="AggregationKind.PointsSum"/> model can award; the composite is
    /// 100 × points / <see cref="MaxPoints"/>. <value>The default value is 100.</value>
    /// </summary>
    public double MaxPoints { get; set; } = 100;

    /// <summary>
    /// Gets or sets what the bands are read from: the probability (SPEC §5, the default) or the raw score
    /// (rubrics whose tiers are defined on their points). <value>The default value is <see cref="BandBasis.Probability"/>.</value>
    /// </summary>
    public BandBasis BandBasis { get; set; } = BandBasis.Probability;

    /// <summary>
    /// Gets or sets the oldest a directly supplied signal may be, in days before the as-of date; older values are
    /// treated as missing, with the reason. Applies to values supplied with an observation date.
    /// <value>The default value is <see langword="null"/> (no limit).</value>
    /// </summary>
    public int? MaxSignalAgeDays { get; set; }

    /// <summary>Gets or sets per-signal maximum ages in days, overriding <see cref="MaxSignalAgeDays"/>. <value>The default value is empty.</value></summary>
    public Dictionary<string, int> SignalMaxAgeDays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets how missing signals count. <value>The default value is <see cref="MissingSignalPolicy.Renormalize"/>.</value></summary>
    public MissingSignalPolicy MissingSignals { get; set; } = MissingSignalPolicy.Renormalize;

    /// <summary>Gets or sets the probability transform. <value>The default value is 5 + 0.9 × composite.</value></summary>
    public ProbabilityOptions Probability { get; set; } = new();

    /// <summary>Gets or sets the bands, highest first. <value>The default value is <see langword="null"/>, meaning Hot 75, Warm 50, Watch 25, Cold 0.</value></summary>
    public List<BandOptions>? Bands { get; set; }

    /// <summary>Gets or sets the offer rules, multipliers and plan ladder. <value>The default value is the SPEC §6 defaults.</value></summary>
    public OfferOptions Offers { get; set; } = new();

    /// <summary>Gets or sets the pitch-window rules. <value>The default value is the SPEC §7 defaults.</value></summary>
    public WindowOptions Windows { get; set; } = new();

    /// <summary>Gets or sets the guardrails. <value>The default value is the SPEC §8 defaults.</value></summary>
    public GateOptions Gates { get; set; } = new();

    /// <summary>
    /// Lists every problem with these options, each naming its key (for example
    /// <c>Weights:Champion must be >= 0, was -0.2.</c>). Empty when valid.
    /// </summary>
    /// <param name="additionalSignals">Signals provided by custom scorers, beyond the built-in five and <see cref="Signals"/>.</param>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate(IEnumerable<Signals.SignalKey>? additionalSignals = null)
        => ModelCompiler.Validate(this, additionalSignals ?? []);

    /// <summary>Returns a copy whose properties hold the same values and objects, for a builder to change without changing these.</summary>
    internal ExpansionScoringOptions ShallowCopy() => (ExpansionScoringOptions)MemberwiseClone();
}
