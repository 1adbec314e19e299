using ExpansionScoring.Bands;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>
/// The compact result of scoring one account: what the hot path produces without allocating.
/// For the per-signal breakdown, the offer label and rationale, use <see cref="ScoringModel.Explain"/>.
/// Only the engine builds one (the setters are internal), so a score always holds one evaluation's consistent facts.
/// </summary>
public readonly record struct AccountScore
{
    /// <summary>Gets the account that was scored.</summary>
    public Account Account { get; internal init; }

    /// <summary>Gets the preset whose weights applied (by the account's segment).</summary>
    public WeightPreset Preset { get; internal init; }

    /// <summary>Gets the weighted composite, 0..100.</summary>
    public double Composite { get; internal init; }

    /// <summary>
    /// Gets the raw score: equal to <see cref="Composite"/> for a weighted-average model, the points for a
    /// points-sum rubric. Bands are read from it when the model's <see cref="BandBasis"/> is <see cref="BandBasis.Score"/>.
    /// </summary>
    public double RawScore { get; internal init; }

    /// <summary>Gets the tail-damped probability in percent, 5..95.</summary>
    public double Probability { get; internal init; }

    /// <summary>Gets the band, read from <see cref="Probability"/>.</summary>
    public BandDefinition Band { get; internal init; }

    /// <summary>Gets the band's position in the model's band list; 0 is the highest band.</summary>
    public int BandIndex { get; internal init; }

    /// <summary>Gets the next-best offer (Nurture when a gate blocked the account).</summary>
    public OfferKind Offer { get; internal init; }

    /// <summary>Gets the name of the rule that chose the offer; <see langword="null"/> when a gate chose it.</summary>
    public string? OfferRule { get; internal init; }

    /// <summary>Gets the dollar opportunity: probability / 100 × ARR × multiplier; 0 when gated.</summary>
    public double Opportunity { get; internal init; }

    /// <summary>Gets the seats to add to bring utilisation back to target; <see langword="null"/> without seat counts.</summary>
    public int? SeatsToAdd { get; internal init; }

    /// <summary>Gets the computed pitch window.</summary>
    public PitchWindow Window { get; internal init; }

    /// <summary>Gets the window to act on: the active override when there is one, else <see cref="Window"/>.</summary>
    public PitchWindow EffectiveWindow { get; internal init; }

    /// <summary>Gets a value indicating whether an active override set <see cref="EffectiveWindow"/>.</summary>
    public bool IsWindowOverridden { get; internal init; }

    /// <summary>Gets the gates that blocked pitching.</summary>
    public GateFlags GatesBlocked { get; internal init; }

    /// <summary>Gets the enabled gates that could not be evaluated because their data was missing.</summary>
    public GateFlags GatesNotEvaluated { get; internal init; }

    /// <summary>Gets a value indicating whether any gate blocked pitching.</summary>
    public bool IsGated => GatesBlocked != GateFlags.None;

    /// <summary>Gets how much of the weighted evidence was present.</summary>
    public Confidence Confidence { get; internal init; }

    /// <summary>Gets how many weighted signals were missing.</summary>
    public int MissingSignalCount { get; internal init; }

    /// <summary>Gets the signal contributing the most composite points; default when none was present.</summary>
    public SignalKey LoudestSignal { get; internal init; }

    /// <summary>Gets the index in the model's rules of the rule that fired; −1 when none did or a gate blocked.</summary>
    internal int FiredRuleIndex { get => firedRule - 1; init => firedRule = value + 1; }

    /// <summary>Gets the fact of the window rule (SPEC §7) that decided <see cref="Window"/>.</summary>
    internal WindowFact WindowFact { get; init; }

    // The fired rule's index + 1, so that 0, a default score's value, means none.
    private readonly int firedRule;
}
