using System.Globalization;
using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Pql;

/// <summary>The product-qualified-lead triggers of SPEC §10.</summary>
public enum PqlTriggerKind
{
    /// <summary>More than 80 % of licensed seats are active.</summary>
    SeatsNearlyFull = 0,

    /// <summary>New users were invited (a burst within the look-back window).</summary>
    NewUsersInvited = 1,

    /// <summary>Guest users are accumulating.</summary>
    GuestUsersAccumulating = 2,

    /// <summary>More than 90 % of a plan-limited feature is used.</summary>
    PlanLimitedFeatureNearlyUsedUp = 3,

    /// <summary>Two or more higher-plan features were adopted.</summary>
    HigherPlanFeaturesAdopted = 4,

    /// <summary>The champion asked about a next-tier feature.</summary>
    NextTierFeatureInquiry = 5,

    /// <summary>Heavy use of the main product with repeated visits to another product.</summary>
    OtherProductInterest = 6,

    /// <summary>Support questions about another product's use case.</summary>
    OtherProductSupportQuestion = 7,
}

/// <summary>The expansion motion a set of triggers points to.</summary>
public enum ExpansionMotion
{
    /// <summary>No trigger fired.</summary>
    None = 0,

    /// <summary>Sell more seats.</summary>
    Seat = 1,

    /// <summary>Sell more usage (a higher limit).</summary>
    Usage = 2,

    /// <summary>Upgrade to a higher plan.</summary>
    TierUpgrade = 3,

    /// <summary>Sell another product.</summary>
    CrossSell = 4,
}

/// <summary>One detected trigger, with the dated trigger event it feeds into the Triggers signal.</summary>
public sealed record PqlTrigger
{
    /// <summary>Gets which trigger fired.</summary>
    public PqlTriggerKind Kind { get; init; }

    /// <summary>Gets the motion it points to.</summary>
    public ExpansionMotion Motion { get; init; }

    /// <summary>Gets the dated event it becomes for the Triggers signal.</summary>
    public TriggerEvent Event { get; init; }

    /// <summary>Gets a one-line description.</summary>
    public required string Detail { get; init; }
}

/// <summary>The triggers detected for one account and the motion they point to.</summary>
public sealed record PqlAssessment
{
    /// <summary>Gets the detected triggers, most recent first.</summary>
    public IReadOnlyList<PqlTrigger> Triggers { get; init; } = [];

    /// <summary>
    /// Gets the motion the triggers point to: the one whose triggers are worth the most Triggers points
    /// today; ties go to Seat, then Usage, then TierUpgrade, then CrossSell.
    /// </summary>
    public ExpansionMotion Motion { get; init; }

    /// <summary>Gets the trigger events to feed into <see cref="AccountTelemetry.TriggerEvents"/>.</summary>
    public IReadOnlyList<TriggerEvent> TriggerEvents => [.. Triggers.Select(t => t.Event)];
}

/// <summary>Options for PQL detection. Thresholds are the SPEC §10 ones.</summary>
public sealed class PqlOptions
{
    /// <summary>Gets or sets the active-seat share above which seats are nearly full. <value>The default value is 0.80.</value></summary>
    public double SeatShare { get; set; } = 0.80;

    /// <summary>Gets or sets the used share above which a plan-limited feature is nearly used up. <value>The default value is 0.90.</value></summary>
    public double FeatureShare { get; set; } = 0.90;

    /// <summary>Gets or sets how many higher-plan features must be adopted. <value>The default value is 2.</value></summary>
    public int HigherPlanFeatures { get; set; } = 2;

    /// <summary>Gets or sets how many visits to another product show interest. <value>The default value is 3.</value></summary>
    public int OtherProductVisits { get; set; } = 3;

    /// <summary>Gets or sets how many invites make a burst. <value>The default value is 3.</value></summary>
    public int InviteBurst { get; set; } = 3;

    /// <summary>Gets or sets how many guest users accumulating counts. <value>The default value is 3.</value></summary>
    public int GuestUsers { get; set; } = 3;

    /// <summary>Gets or sets the look-back window in days for events. <value>The default value is 30.</value></summary>
    public int LookBackDays { get; set; } = 30;
}

/// <summary>Detects the product-qualified-lead triggers of SPEC §10 and tags the expansion motion.</summary>
public static class PqlDetector
{
    /// <summary>Detects triggers for one account as of a date.</summary>
    /// <param name="activity">The account's product facts.</param>
    /// <param name="asOf">The date to detect as of; events after it, or older than the look-back window, are ignored.</param>
    /// <param name="options">Thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The triggers and the motion.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is <see langword="null"/>.</exception>
    public static PqlAssessment Detect(ProductActivity activity, DateOnly asOf, PqlOptions? options = null)
    {
        Guard.NotNull(activity);
        options ??= new PqlOptions();
        var triggers = new List<PqlTrigger>();
        var recent = activity.Events.Where(e => e.Date <= asOf && asOf.DayNumber - e.Date.DayNumber <= options.LookBackDays).ToList();

        void Add(PqlTriggerKind kind, ExpansionMotion motion, TriggerEventKind eventKind, DateOnly date, string detail)
            => triggers.Add(new PqlTrigger { Kind = kind, Motion = motion, Event = new TriggerEvent(eventKind, date), Detail = detail });

        if (activity.LicensedSeats is > 0 && activity.ActiveSeats is { } active && (double)active / activity.LicensedSeats.Value > options.SeatShare)
        {
            Add(PqlTriggerKind.SeatsNearlyFull, ExpansionMotion.Seat, TriggerEventKind.SeatThresholdCrossed, asOf,
                Invariant($"{active} of {activity.LicensedSeats} licensed seats active ({100.0 * active / activity.LicensedSeats.Value:0} %)"));
        }

        var invites = recent.Where(e => e.Kind == ProductEventKind.UserInvited).ToList();
        if (invites.Count >= options.InviteBurst)
        {
            Add(PqlTriggerKind.NewUsersInvited, ExpansionMotion.Seat, TriggerEventKind.TeamInviteBurst, invites.Max(e => e.Date),
                Invariant($"{invites.Count} users invited in the last {options.LookBackDays} days"));
        }

        var guests = recent.Where(e => e.Kind == ProductEventKind.GuestUserAdded).ToList();
        if (guests.Count >= options.GuestUsers)
        {
            Add(PqlTriggerKind.GuestUsersAccumulating, ExpansionMotion.Seat, TriggerEventKind.TeamInviteBurst, guests.Max(e => e.Date),
                Invariant($"{guests.Count} guest users added in the last {options.LookBackDays} days"));
        }

        foreach (var limit in activity.Limits.Where(l => l.IsPlanLimitedFeature && l.Saturation > options.FeatureShare))
        {
            Add(PqlTriggerKind.PlanLimitedFeatureNearlyUsedUp, ExpansionMotion.Usage, TriggerEventKind.UsageLimitHit, asOf,
                Invariant($"{limit.Name} at {100 * limit.Saturation:0} % of the plan limit"));
        }

        var higher = recent.Where(e => e.Kind == ProductEventKind.HigherPlanFeatureUsed).ToList();
        int distinctHigher = higher.Select(e => e.Subject ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (distinctHigher >= options.HigherPlanFeatures)
        {
            Add(PqlTriggerKind.HigherPlanFeaturesAdopted, ExpansionMotion.TierUpgrade, TriggerEventKind.PremiumFeatureAttempted, higher.Max(e => e.Date),
                Invariant($"{distinctHigher} higher-plan features adopted"));
        }

        foreach (var inquiry in recent.Where(e => e.Kind == ProductEventKind.NextTierFeatureInquiry).OrderByDescending(e => e.Date).Take(1))
        {
            Add(PqlTriggerKind.NextTierFeatureInquiry, ExpansionMotion.TierUpgrade, TriggerEventKind.PremiumFeatureAttempted, inquiry.Date,
                $"champion asked about {inquiry.Subject ?? "a next-tier feature"}");
        }

        if (activity.HeavyPrimaryProductUse)
        {
            foreach (var product in recent.Where(e => e.Kind == ProductEventKind.OtherProductVisit).GroupBy(e => e.Subject ?? "another product", StringComparer.OrdinalIgnoreCase))
            {
                if (product.Count() >= options.OtherProductVisits)
                {
                    Add(PqlTriggerKind.OtherProductInterest, ExpansionMotion.CrossSell, TriggerEventKind.PremiumFeatureAttempted, product.Max(e => e.Date),
                        Invariant($"heavy use of the main product with {product.Count()} visits to {product.Key}"));
                }
            }
        }

        foreach (var product in recent.Where(e => e.Kind == ProductEventKind.OtherProductSupportQuestion).GroupBy(e => e.Subject ?? "another product", StringComparer.OrdinalIgnoreCase))
        {
            Add(PqlTriggerKind.OtherProductSupportQuestion, ExpansionMotion.CrossSell, TriggerEventKind.PremiumFeatureAttempted, product.Max(e => e.Date),
                $"support questions about a {product.Key} use case");
        }

        var motion = triggers.Count == 0
            ? ExpansionMotion.None
            : triggers
                .GroupBy(t => t.Motion)
                .Select(g => (Motion: g.Key, Points: g.Sum(t => DefaultSignalScorers.TriggerPoints(t.Event.Kind) * Math.Pow(0.5, (asOf.DayNumber - t.Event.Date.DayNumber) / 30.0))))
                .OrderByDescending(x => x.Points)
                .ThenBy(x => x.Motion)
                .First().Motion;

        return new PqlAssessment
        {
            Triggers = [.. triggers.OrderByDescending(t => t.Event.Date).ThenBy(t => t.Kind)],
            Motion = motion,
        };
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
