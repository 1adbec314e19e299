using ExpansionScoring.Bands;
using ExpansionScoring.Gates;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;

namespace ExpansionScoring;

/// <summary>
/// The compact result of scoring one account: what the hot path produces without allocating.
/// For the per-signal breakdown, the offer label and rationale, use <see cref="ScoringModel.Explain"/>.
/// </summary>
public readonly record struct AccountScore
{
    /// <summary>Gets the account that was scored.</summary>
    public required Account Account { get; init; }

    /// <summary>Gets the preset whose weights applied (by the account's segment).</summary>
    public required WeightPreset Preset { get; init; }

    /// <summary>Gets the weighted composite, 0..100.</summary>
    public double Composite { get; init; }

    /// <summary>
    /// Gets the raw score: equal to <see cref="Composite"/> for a weighted-average model, the points for a
    /// points-sum rubric. Bands are read from it when the model's <see cref="BandBasis"/> is <see cref="BandBasis.Score"/>.
    /// </summary>
    public double RawScore { get; init; }

    /// <summary>Gets the tail-damped probability in percent, 5..95.</summary>
    public double Probability { get; init; }

    /// <summary>Gets the band, read from <see cref="Probability"/>.</summary>
    public required BandDefinition Band { get; init; }

    /// <summary>Gets the band's position in the model's band list; 0 is the highest band.</summary>
    public int BandIndex { get; init; }

    /// <summary>Gets the next-best offer (Nurture when a gate blocked the account).</summary>
    public OfferKind Offer { get; init; }

    /// <summary>Gets the name of the rule that chose the offer; <see langword="null"/> when a gate chose it.</summary>
    public string? OfferRule { get; init; }

    /// <summary>Gets the dollar opportunity: probability / 100 × ARR × multiplier; 0 when gated.</summary>
    public double Opportunity { get; init; }

    /// <summary>Gets the seats to add to bring utilisation back to target; <see langword="null"/> without seat counts.</summary>
    public int? SeatsToAdd { get; init; }

    /// <summary>Gets the computed pitch window.</summary>
    public PitchWindow Window { get; init; }

    /// <summary>Gets the window to act on: the active override when there is one, else <see cref="Window"/>.</summary>
    public PitchWindow EffectiveWindow { get; init; }

    /// <summary>Gets a value indicating whether an active override set <see cref="EffectiveWindow"/>.</summary>
    public bool IsWindowOverridden { get; init; }

    /// <summary>Gets the gates that blocked pitching.</summary>
    public GateFlags GatesBlocked { get; init; }

    /// <summary>Gets the enabled gates that could not be evaluated because their data was missing.</summary>
    public GateFlags GatesNotEvaluated { get; init; }

    /// <summary>Gets a value indicating whether any gate blocked pitching.</summary>
    public bool IsGated => GatesBlocked != GateFlags.None;

    /// <summary>Gets how much of the weighted evidence was present.</summary>
    public Confidence Confidence { get; init; }

    /// <summary>Gets how many weighted signals were missing.</summary>
    public int MissingSignalCount { get; init; }

    /// <summary>Gets the signal contributing the most composite points; default when none was present.</summary>
    public SignalKey LoudestSignal { get; init; }
}
