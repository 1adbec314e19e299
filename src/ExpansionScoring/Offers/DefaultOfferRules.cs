namespace ExpansionScoring.Offers;

/// <summary>The six next-best-offer rules of SPEC §6, in priority order, as data you can copy and change.</summary>
public static class DefaultOfferRules
{
    /// <summary>Gets the default plan ladder, lowest first: Starter, Growth, Pro, Enterprise.</summary>
    public static IReadOnlyList<string> PlanLadder { get; } = ["Starter", "Growth", "Pro", "Enterprise"];

    /// <summary>Gets the default multiplier of <paramref name="offer"/>: Seats 0.20, Tier 0.45, AddOn 0.18, MultiYear 0.10, Nurture 0.</summary>
    /// <param name="offer">The offer kind.</param>
    /// <returns>The multiplier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offer"/> is undefined.</exception>
    public static double Multiplier(OfferKind offer) => offer switch
    {
        OfferKind.Seats => 0.20,
        OfferKind.Tier => 0.45,
        OfferKind.AddOn => 0.18,
        OfferKind.MultiYear => 0.10,
        OfferKind.Nurture => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(offer), offer, "Unknown offer kind."),
    };

    /// <summary>Creates a fresh, mutable copy of the six default rules.</summary>
    /// <returns>The rules in priority order.</returns>
    public static List<OfferRuleOptions> Create() =>
    [
        new()
        {
            Name = "EnterpriseTriggers",
            Offer = OfferKind.AddOn,
            Segments = [Segment.Enterprise],
            Conditions = [Condition("Triggers", ComparisonOperator.AtLeast, 70)],
            Rationale = "Enterprise account with trigger events at {Triggers}/100 — add-on motion",
        },
        new()
        {
            Name = "SeatCapacity",
            Offer = OfferKind.Seats,
            Conditions = [Condition("SeatSaturation", ComparisonOperator.AtLeast, 0.85), Condition("Velocity", ComparisonOperator.AtLeast, 60)],
            Rationale = "Seats at {SeatSaturation} of plan ceiling with usage velocity {Velocity}/100 — capacity upsell",
        },
        new()
        {
            Name = "TierReady",
            Offer = OfferKind.Tier,
            Conditions = [Condition("Velocity", ComparisonOperator.AtLeast, 75), Condition("Engagement", ComparisonOperator.AtLeast, 70)],
            Rationale = "Usage velocity {Velocity}/100 with engagement {Engagement}/100 — ready for the next plan",
        },
        new()
        {
            Name = "MultiYearLock",
            Offer = OfferKind.MultiYear,
            Conditions = [Condition("Champion", ComparisonOperator.AtLeast, 80), Condition("DaysToRenewal", ComparisonOperator.AtMost, 90)],
            Rationale = "Champion strength {Champion}/100 with renewal in {DaysToRenewal} days — lock in a multi-year term",
        },
        new()
        {
            Name = "LowProbability",
            Offer = OfferKind.Nurture,
            Conditions = [Condition("Probability", ComparisonOperator.Below, 40)],
            Rationale = "Probability {Probability} is below 40 — nurture, no offer yet",
        },
        new()
        {
            Name = "Fallback",
            Offer = OfferKind.Tier,
            Rationale = "Probability {Probability} with engagement {Engagement}/100 and velocity {Velocity}/100 — default tier upgrade",
        },
    ];

    private static OfferConditionOptions Condition(string field, ComparisonOperator op, double value)
        => new() { Field = field, Operator = op, Value = value };
}
