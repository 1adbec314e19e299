using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring;

/// <summary>Raw telemetry from which the default signal scorers derive the five signals (SPEC §2). Immutable.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpansionScoring.Serialization.AccountTelemetryJsonConverter))]
public sealed record AccountTelemetry
{
    private readonly double? meteredUsageSaturation;
    private readonly double? usageTrendPercent;
    private readonly int? featuresUsed;
    private readonly int? featuresAvailable;
    private readonly int? activeDepartments;
    private readonly int? championLastTouchDays;

    /// <summary>Gets the saturation of a metered limit as a ratio (API calls vs. the plan's limit, say). <value>The default value is <see langword="null"/>.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double? MeteredUsageSaturation { get => meteredUsageSaturation; init => meteredUsageSaturation = Guard.NonNegative(value, nameof(MeteredUsageSaturation)); }

    /// <summary>Gets the 90-day usage trend in percent (+15 means usage grew 15 %). <value>The default value is <see langword="null"/>.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to NaN or infinity.</exception>
    public double? UsageTrendPercent { get => usageTrendPercent; init => usageTrendPercent = value is { } v ? Guard.Finite(v, nameof(UsageTrendPercent)) : null; }

    /// <summary>Gets the number of features in use. <value>The default value is <see langword="null"/>.</value></summary>
    public int? FeaturesUsed { get => featuresUsed; init => featuresUsed = Guard.NonNegative(value, nameof(FeaturesUsed)); }

    /// <summary>Gets the number of features available on the plan. <value>The default value is <see langword="null"/>.</value></summary>
    public int? FeaturesAvailable { get => featuresAvailable; init => featuresAvailable = Guard.NonNegative(value, nameof(FeaturesAvailable)); }

    /// <summary>Gets the number of active departments or buying centers. <value>The default value is <see langword="null"/>.</value></summary>
    public int? ActiveDepartments { get => activeDepartments; init => activeDepartments = Guard.NonNegative(value, nameof(ActiveDepartments)); }

    /// <summary>Gets the seniority of the named champion. <value>The default value is <see langword="null"/> (unknown).</value></summary>
    public ChampionLevel? ChampionLevel { get; init; }

    /// <summary>Gets whether a named executive sponsor exists. <value>The default value is <see langword="null"/> (unknown, counted as no).</value></summary>
    public bool? ExecSponsor { get; init; }

    /// <summary>Gets the days since the last touch with the champion. <value>The default value is <see langword="null"/> (unknown, not halved).</value></summary>
    public int? ChampionLastTouchDays { get => championLastTouchDays; init => championLastTouchDays = Guard.NonNegative(value, nameof(ChampionLastTouchDays)); }

    /// <summary>
    /// Gets the dated trigger events. An empty list means "known: none happened" (Triggers scores 0);
    /// <see langword="null"/> means "unknown" (Triggers is missing).
    /// <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public IReadOnlyList<TriggerEvent>? TriggerEvents { get; init; }
}
