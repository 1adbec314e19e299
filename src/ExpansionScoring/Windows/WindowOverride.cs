using ExpansionScoring.Internal;

namespace ExpansionScoring.Windows;

/// <summary>
/// A person's decision to pitch an account in another window than the computed one (SPEC §7).
/// The override is kept apart from the computed window; both are reported.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpansionScoring.Serialization.WindowOverrideJsonConverter))]
public sealed record WindowOverride
{
    /// <summary>Gets the window the account should be pitched in.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public required PitchWindow Window { get; init => field = Guard.Defined(value, nameof(Window)); }

    /// <summary>Gets why the window was overridden.</summary>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public required string Reason { get; init => field = Guard.NotNullOrWhiteSpace(value, nameof(Reason)); }

    /// <summary>Gets who made the override. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Author { get; init; }

    /// <summary>Gets when the override was made. <value>The default value is <see langword="null"/>.</value></summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the last day the override applies; after it the computed window is used again. <value>The default value is <see langword="null"/> (never expires).</value></summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>Returns whether the override applies on <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The scoring date.</param>
    /// <returns><see langword="true"/> unless the override expired before <paramref name="asOf"/>.</returns>
    public bool IsActiveOn(DateOnly asOf) => ExpiresOn is not { } last || asOf <= last;
}
