using ExpansionScoring.Offers;

namespace ExpansionScoring.Pitch;

/// <summary>
/// The templates a <see cref="PitchScriptBuilder"/> fills in, as plain data (code, JSON or configuration). A template is
/// text with named placeholders in braces, such as <c>"I noticed your team is using {seats_active} of its
/// {seats_purchased} seats"</c>; <c>{{</c> and <c>}}</c> write a brace. The placeholders are listed in
/// <see cref="PitchScriptBuilder.Placeholders"/>; an unknown one, a missing required one or an unbalanced brace is a
/// <see cref="ScoringConfigurationException"/> naming the template and the placeholder. Every default follows SPEC §14.
/// </summary>
public sealed class PitchScriptOptions
{
    /// <summary>
    /// Gets or sets the opening line per loudest signal (signal name, case-insensitive → template). When the account's
    /// loudest signal has no entry, or its entry needs a value the account does not have (say seat counts),
    /// <see cref="DefaultOpening"/> is used. <value>The default value has one opening for each built-in signal.</value>
    /// </summary>
    public Dictionary<string, string> Openings { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PlanFit"] = "I noticed your team is using {seats_active} of its {seats_purchased} seats — want to talk about what {offer} looks like for {name}?",
        ["Velocity"] = "I noticed {name}'s usage is climbing fast (velocity {velocity}/100) — want to talk about keeping that momentum with {offer}?",
        ["Engagement"] = "I noticed more of {name}'s teams are using the product (engagement {engagement}/100) — want to talk about what {offer} would give them?",
        ["Champion"] = "You have been a strong advocate for us at {name} (champion {champion}/100) — can we look together at what {offer} would mean for your team?",
        ["Triggers"] = "I saw the recent news at {name} (triggers {triggers}/100) — want to talk about how {offer} supports what comes next?",
    };

    /// <summary>
    /// Gets or sets the opening used when <see cref="Openings"/> has none for the loudest signal.
    /// <value>The default value names the loudest signal and its value.</value>
    /// </summary>
    public string DefaultOpening { get; set; } = "I noticed {name}'s {loudest} is at {loudest_value}/100 — want to talk about what {offer} looks like for you?";

    /// <summary>
    /// Gets or sets the conversation of each offer kind (SPEC §14: each expansion type has its own): its future state and
    /// its risk of inaction. Every kind but <see cref="OfferKind.Nurture"/> needs an entry, and each future state must
    /// contain <c>{offer}</c>. <value>The default value has one for Seats, Tier, AddOn and MultiYear.</value>
    /// </summary>
    public Dictionary<OfferKind, OfferPitchTemplate> Offers { get; set; } = new()
    {
        [OfferKind.Seats] = new()
        {
            FutureState = "{offer} brings the team back to comfortable utilisation, so new colleagues join the day they are hired instead of waiting for a free seat.",
            RiskOfInaction = "At this pace the team hits its seat ceiling: new users wait for approval or work around the product, and the growth stalls.",
        },
        [OfferKind.Tier] = new()
        {
            FutureState = "{offer} lifts the plan's limits, so the teams already pushing {plan} keep growing on one platform with the features they have been reaching for.",
            RiskOfInaction = "The teams keep outgrowing {plan}'s limits and build workarounds that are harder to unwind the longer they run.",
        },
        [OfferKind.AddOn] = new()
        {
            FutureState = "The {offer} meets the new need the recent events created, inside the product the teams already use.",
            RiskOfInaction = "The need is there now: without an answer the teams buy a point solution elsewhere.",
        },
        [OfferKind.MultiYear] = new()
        {
            FutureState = "A {offer} locks in today's terms and a roadmap the champion can plan on past the next renewal.",
            RiskOfInaction = "Renewal is {days_to_renewal} days away: without multi-year terms it renews year by year, with the price and the champion's attention at stake each time.",
        },
    };

    /// <summary>
    /// Gets or sets the fix-first script for a gated account (SPEC §8, §14: never pitch a gated account); it must contain
    /// <c>{gate}</c>. <value>The default value names the gate and says to fix it before any expansion talk.</value>
    /// </summary>
    public string FixFirst { get; set; } = "Do not pitch {name} yet: fix first — {gate}. Talk about getting that right, not about expansion; the account is re-assessed once the gate clears.";

    /// <summary>
    /// Gets or sets the nurture note for an account with no offer yet; it must contain <c>{name}</c>.
    /// <value>The default value names the account's probability and its loudest signal to build on.</value>
    /// </summary>
    public string Nurture { get; set; } = "No pitch for {name} yet ({probability}, {band}): keep adding value and build on its strongest signal, {loudest} at {loudest_value}/100, until it is ready.";
}

/// <summary>One offer kind's own conversation: what the future looks like with the offer, and what waiting risks.</summary>
public sealed class OfferPitchTemplate
{
    /// <summary>Gets or sets the future-state template; it must contain <c>{offer}</c>. <value>The default value is empty.</value></summary>
    public string FutureState { get; set; } = string.Empty;

    /// <summary>Gets or sets the risk-of-inaction template. <value>The default value is empty.</value></summary>
    public string RiskOfInaction { get; set; } = string.Empty;
}
