namespace ExpansionScoring.Offers;

/// <summary>How an offer-rule condition compares its field with its value.</summary>
public enum ComparisonOperator
{
    /// <summary>field ≥ value.</summary>
    AtLeast = 0,

    /// <summary>field &gt; value.</summary>
    Above = 1,

    /// <summary>field ≤ value.</summary>
    AtMost = 2,

    /// <summary>field &lt; value.</summary>
    Below = 3,
}

/// <summary>
/// One condition of an offer rule. <see cref="Field"/> is a signal name (PlanFit, Velocity, …, or a custom signal)
/// or one of <c>SeatSaturation</c> (a ratio), <c>DaysToRenewal</c>, <c>Probability</c>, <c>Composite</c>, <c>Arr</c>.
/// A condition on a field that is missing for the account does not hold.
/// </summary>
public sealed class OfferConditionOptions
{
    /// <summary>Gets or sets the field compared. <value>The default value is empty.</value></summary>
    public string Field { get; set; } = string.Empty;

    /// <summary>Gets or sets the comparison. <value>The default value is <see cref="ComparisonOperator.AtLeast"/>.</value></summary>
    public ComparisonOperator Operator { get; set; }

    /// <summary>Gets or sets the threshold. <value>The default value is 0.</value></summary>
    public double Value { get; set; }
}

/// <summary>
/// An offer rule as data: when the account is in one of <see cref="Segments"/> (any, when empty) and every
/// condition holds, the rule fires with <see cref="Offer"/>. Rules are tried in order; the first that fires wins.
/// </summary>
public sealed class OfferRuleOptions
{
    /// <summary>Gets or sets the rule's name, reported with the offer. <value>The default value is empty.</value></summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the offer the rule makes. <value>The default value is <see cref="OfferKind.Nurture"/>.</value></summary>
    public OfferKind Offer { get; set; }

    /// <summary>Gets or sets the segments the rule applies to. <value>The default value is <see langword="null"/> (every segment).</value></summary>
    public List<Segment>? Segments { get; set; }

    /// <summary>Gets or sets the conditions, all of which must hold. <value>The default value is empty (always holds).</value></summary>
    public List<OfferConditionOptions> Conditions { get; set; } = [];

    /// <summary>
    /// Gets or sets the one-line rationale. Placeholders: <c>{Signal}</c> for any signal name, <c>{SeatSaturation}</c>,
    /// <c>{DaysToRenewal}</c>, <c>{Probability}</c>, <c>{Composite}</c>, <c>{Plan}</c>, <c>{NextPlan}</c>, <c>{SeatsToAdd}</c>.
    /// <value>The default value is <see langword="null"/>: the conditions are described.</value>
    /// </summary>
    public string? Rationale { get; set; }
}

/// <summary>Options for next-best offers (SPEC §6).</summary>
public sealed class OfferOptions
{
    /// <summary>
    /// The largest dollar multiplier an offer kind may have: 100. An opportunity is probability × ARR × multiplier, so
    /// with ARR at most <see cref="Account.MaxArr"/> every opportunity and every sum of them stays finite and exact.
    /// </summary>
    public const double MaxMultiplier = 100;

    /// <summary>
    /// Gets or sets the dollar multiplier of each offer kind; kinds not listed keep their defaults
    /// (Seats 0.20, Tier 0.45, AddOn 0.18, MultiYear 0.10, Nurture 0).
    /// <value>The default value is empty.</value>
    /// </summary>
    public Dictionary<OfferKind, double> Multipliers { get; set; } = [];

    /// <summary>Gets or sets the rules in priority order. <value>The default value is <see langword="null"/>, meaning the six rules of SPEC §6.</value></summary>
    public List<OfferRuleOptions>? Rules { get; set; }

    /// <summary>Gets or sets the plan ladder, lowest first. <value>The default value is <see langword="null"/>, meaning Starter, Growth, Pro, Enterprise.</value></summary>
    public List<string>? PlanLadder { get; set; }

    /// <summary>Gets or sets the seat utilisation a Seats offer restores: seats to add = ceil(active / target) − purchased. <value>The default value is 0.70.</value></summary>
    public double SeatsTargetUtilization { get; set; } = 0.70;

    /// <summary>
    /// Gets or sets whether an account with no seat data uses PlanFit / 100 as its seat saturation in rules.
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool SeatSaturationFromPlanFit { get; set; } = true;
}
