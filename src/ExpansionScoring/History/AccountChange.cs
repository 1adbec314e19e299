using ExpansionScoring.Signals;

namespace ExpansionScoring.History;

/// <summary>How one account changed between two snapshots of a book. Immutable.</summary>
public sealed record AccountChange
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the account's display name in the later snapshot.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the probability in the earlier snapshot.</summary>
    public double ProbabilityBefore { get; init; }

    /// <summary>Gets the probability in the later snapshot.</summary>
    public double ProbabilityAfter { get; init; }

    /// <summary>Gets the change in probability points.</summary>
    public double ProbabilityChange => ProbabilityAfter - ProbabilityBefore;

    /// <summary>Gets the change split over the signals that changed (value, presence or weight), largest first; they add up to <see cref="ProbabilityChange"/>.</summary>
    public required IReadOnlyList<SignalAttribution> Attributions { get; init; }

    /// <summary>Gets how the change was split.</summary>
    public AttributionMethod Method { get; init; }

    /// <summary>
    /// Gets a one-line summary in whole points, such as "62 → 71: +6 Velocity, +3 Triggers". The whole-point parts are
    /// apportioned (largest remainder) so they add up to the rounded probabilities' difference.
    /// </summary>
    public required string Summary { get; init; }

    /// <summary>Gets the band in the earlier snapshot.</summary>
    public required string BandBefore { get; init; }

    /// <summary>Gets the band in the later snapshot.</summary>
    public required string BandAfter { get; init; }

    /// <summary>Gets how many bands the account rose (positive) or fell (negative).</summary>
    public int BandSteps { get; init; }

    /// <summary>Gets a value indicating whether the account moved to a higher band.</summary>
    public bool IsPromoted => BandSteps > 0;

    /// <summary>Gets a value indicating whether the account moved to a lower band.</summary>
    public bool IsDemoted => BandSteps < 0;

    /// <summary>Gets a value indicating whether the account entered the top band (Hot) since the earlier snapshot.</summary>
    public bool BecameHot { get; init; }

    /// <summary>Gets the offer in the earlier snapshot.</summary>
    public OfferKind OfferBefore { get; init; }

    /// <summary>Gets the offer in the later snapshot.</summary>
    public OfferKind OfferAfter { get; init; }

    /// <summary>Gets a value indicating whether the offer changed.</summary>
    public bool OfferChanged => OfferBefore != OfferAfter;

    /// <summary>Gets the effective window in the earlier snapshot.</summary>
    public PitchWindow WindowBefore { get; init; }

    /// <summary>Gets the effective window in the later snapshot.</summary>
    public PitchWindow WindowAfter { get; init; }

    /// <summary>Gets a value indicating whether the effective window changed.</summary>
    public bool WindowChanged => WindowBefore != WindowAfter;

    /// <summary>Gets the opportunity in the earlier snapshot.</summary>
    public double OpportunityBefore { get; init; }

    /// <summary>Gets the opportunity in the later snapshot.</summary>
    public double OpportunityAfter { get; init; }

    /// <summary>Gets the trigger events in the later snapshot's telemetry that the earlier one did not have, dated on or before the later as-of date, oldest first.</summary>
    public required IReadOnlyList<TriggerEvent> NewTriggerEvents { get; init; }
}
