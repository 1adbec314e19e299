using ExpansionScoring.Internal;

namespace ExpansionScoring.Pql;

/// <summary>What happened in the product, for product-qualified-lead trigger detection.</summary>
public enum ProductEventKind
{
    /// <summary>A new user was invited.</summary>
    UserInvited = 0,

    /// <summary>A guest (external) user was added.</summary>
    GuestUserAdded = 1,

    /// <summary>A feature of a higher plan was used (trial or preview); <see cref="ProductEvent.Subject"/> names it.</summary>
    HigherPlanFeatureUsed = 2,

    /// <summary>The champion asked about a next-tier feature.</summary>
    NextTierFeatureInquiry = 3,

    /// <summary>A visit to another product; <see cref="ProductEvent.Subject"/> names the product.</summary>
    OtherProductVisit = 4,

    /// <summary>A support question about another product's use case; <see cref="ProductEvent.Subject"/> names the product.</summary>
    OtherProductSupportQuestion = 5,
}

/// <summary>A dated product event.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Date">When.</param>
/// <param name="Subject">The feature or product concerned, when relevant.</param>
public readonly record struct ProductEvent(ProductEventKind Kind, DateOnly Date, string? Subject = null);

/// <summary>Usage of one limited resource (seats, API calls, a plan-limited feature) against its limit.</summary>
public sealed record LimitUsage
{
    private readonly string name = string.Empty;
    private readonly double used;
    private readonly double limit;

    /// <summary>Gets the resource's name, such as "API calls".</summary>
    public required string Name { get => name; init => name = Guard.NotNullOrWhiteSpace(value, nameof(Name)); }

    /// <summary>Gets the amount used in the current period.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public required double Used { get => used; init => used = Guard.NonNegative(value, nameof(Used)); }

    /// <summary>Gets the plan's limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and above 0.</exception>
    public required double Limit
    {
        get => limit;
        init => limit = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Limit), value, "Limit must be a finite number above 0.");
    }

    /// <summary>Gets whether this is a plan-limited feature (rather than seats or a metered allowance). <value>The default value is <see langword="false"/>.</value></summary>
    public bool IsPlanLimitedFeature { get; init; }

    /// <summary>Gets recent (date, used) readings, oldest first, for the days-to-limit projection. <value>The default value is empty.</value></summary>
    public IReadOnlyList<UsageReading> History { get; init; } = [];

    /// <summary>Gets the used share of the limit (0.9 = 90 %).</summary>
    public double Saturation => used / limit;
}

/// <summary>One reading of a usage counter.</summary>
/// <param name="Date">The day of the reading.</param>
/// <param name="Used">The amount used on that day.</param>
public readonly record struct UsageReading(DateOnly Date, double Used);

/// <summary>An account's product facts for trigger detection: seats, limits and dated product events.</summary>
public sealed record ProductActivity
{
    private readonly int? licensedSeats;
    private readonly int? activeSeats;

    /// <summary>Gets the licensed seats. <value>The default value is <see langword="null"/>.</value></summary>
    public int? LicensedSeats { get => licensedSeats; init => licensedSeats = Guard.NonNegative(value, nameof(LicensedSeats)); }

    /// <summary>Gets the active seats. <value>The default value is <see langword="null"/>.</value></summary>
    public int? ActiveSeats { get => activeSeats; init => activeSeats = Guard.NonNegative(value, nameof(ActiveSeats)); }

    /// <summary>Gets the limits and their usage. <value>The default value is empty.</value></summary>
    public IReadOnlyList<LimitUsage> Limits { get; init; } = [];

    /// <summary>Gets the product events. <value>The default value is empty.</value></summary>
    public IReadOnlyList<ProductEvent> Events { get; init; } = [];

    /// <summary>Gets whether the account is a heavy user of its main product, for cross-sell detection. <value>The default value is <see langword="false"/>.</value></summary>
    public bool HeavyPrimaryProductUse { get; init; }
}
