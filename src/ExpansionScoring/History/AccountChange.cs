using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

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
    /// Gets a one-line summary naming every kind of change, such as "62 → 71: +6 Velocity, +3 Triggers; band Warm → Hot"
    /// or "59 → 59; gate cleared: health 57 → 72; offer Nurture → Upgrade Growth → Pro; window Nurture → 30 days".
    /// The probability comes first in whole points, its parts apportioned (largest remainder) so they add up to the
    /// rounded probabilities' difference; then, each only when it changed, the band, the gates, the offer, the window,
    /// the new trigger events, and the opportunity when neither the probability nor the offer explains its change.
    /// "62 → 62: unchanged" when nothing changed.
    /// </summary>
    public required string Summary { get; init; }

    /// <summary>Gets the band in the earlier snapshot.</summary>
    public required string BandBefore { get; init; }

    /// <summary>Gets the band in the later snapshot.</summary>
    public required string BandAfter { get; init; }

    /// <summary>Gets a value indicating whether the band changed (by name).</summary>
    public bool BandChanged => !string.Equals(BandBefore, BandAfter, StringComparison.Ordinal);

    /// <summary>Gets how many bands the account rose (positive) or fell (negative).</summary>
    public int BandSteps { get; init; }

    /// <summary>Gets a value indicating whether the account moved to a higher band.</summary>
    public bool IsPromoted => BandSteps > 0;

    /// <summary>Gets a value indicating whether the account moved to a lower band.</summary>
    public bool IsDemoted => BandSteps < 0;

    /// <summary>Gets a value indicating whether the account entered the top band (Hot) since the earlier snapshot.</summary>
    public bool BecameHot { get; init; }

    /// <summary>Gets a value indicating whether the account left the top band (Hot) since the earlier snapshot.</summary>
    public bool LeftHot { get; init; }

    /// <summary>Gets the offer in the earlier snapshot.</summary>
    public OfferKind OfferBefore { get; init; }

    /// <summary>Gets the offer in the later snapshot.</summary>
    public OfferKind OfferAfter { get; init; }

    /// <summary>Gets the offer's label in the earlier snapshot, such as "Add 28 seats" or "Nurture — gated".</summary>
    public required string OfferLabelBefore { get; init; }

    /// <summary>Gets the offer's label in the later snapshot, such as "Upgrade Growth → Pro".</summary>
    public required string OfferLabelAfter { get; init; }

    /// <summary>Gets a value indicating whether the offer changed: its kind or its label.</summary>
    public bool OfferChanged => OfferBefore != OfferAfter || !string.Equals(OfferLabelBefore, OfferLabelAfter, StringComparison.Ordinal);

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

    /// <summary>Gets a value indicating whether the opportunity changed by more than a millionth (the precision of every sum).</summary>
    public bool OpportunityChanged => Math.Abs(OpportunityAfter - OpportunityBefore) > 1e-6;

    /// <summary>Gets the gates whose outcome changed (cleared, started blocking, or their data appeared or went missing), in gate order.</summary>
    public required IReadOnlyList<GateChange> GateChanges { get; init; }

    /// <summary>Gets a value indicating whether the account was gated before and is not now.</summary>
    public bool GateCleared { get; init; }

    /// <summary>Gets a value indicating whether the account is gated now and was not before.</summary>
    public bool GateBlocked { get; init; }

    /// <summary>Gets the trigger events in the later snapshot's telemetry that the earlier one did not have, dated on or before the later as-of date, oldest first.</summary>
    public required IReadOnlyList<TriggerEvent> NewTriggers { get; init; }

    /// <summary>Gets the highest used share of a plan limit in the earlier snapshot: seat saturation or metered usage, whichever is higher; <see langword="null"/> when neither is known.</summary>
    public double? LimitUsageBefore { get; init; }

    /// <summary>Gets the highest used share of a plan limit in the later snapshot; <see langword="null"/> when neither is known.</summary>
    public double? LimitUsageAfter { get; init; }

    /// <summary>Gets the days to renewal as of the earlier snapshot; <see langword="null"/> when unknown.</summary>
    public int? DaysToRenewalBefore { get; init; }

    /// <summary>Gets the days to renewal as of the later snapshot; <see langword="null"/> when unknown.</summary>
    public int? DaysToRenewalAfter { get; init; }

    /// <summary>Gets a value indicating whether the band, the offer (kind or label) or the effective window changed: what routes an account differently.</summary>
    public bool BandOfferOrWindowChanged => BandChanged || OfferChanged || WindowChanged;

    /// <summary>
    /// Gets a value indicating whether anything changed: probability (by more than 1e-9 points, above the noise of
    /// re-normalised weights), band, offer, window, opportunity, a gate or new trigger events.
    /// </summary>
    public bool HasChanged => Math.Abs(ProbabilityChange) > 1e-9 || BandOfferOrWindowChanged || OpportunityChanged || GateChanges.Count > 0 || NewTriggers.Count > 0;
}
