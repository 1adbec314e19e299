using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Calibration;

/// <summary>
/// One account in a historical scored snapshot, with what actually happened within the horizon
/// (expanded or not, and the dollars). The input to backtesting and calibration.
/// </summary>
public sealed record HistoricalOutcome
{
    private readonly string accountId = string.Empty;
    private readonly double probability;
    private readonly double composite;
    private readonly double expansionDollars;

    /// <summary>Gets the account's identifier.</summary>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public required string AccountId { get => accountId; init => accountId = Guard.NotNullOrWhiteSpace(value, nameof(AccountId)); }

    /// <summary>Gets the probability predicted at the snapshot, in percent (0..100).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 0..100 or NaN.</exception>
    public required double Probability { get => probability; init => probability = Guard.InRange(value, 0, 100, nameof(Probability)); }

    /// <summary>Gets the composite at the snapshot, 0..100. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 0..100 or NaN.</exception>
    public double Composite { get => composite; init => composite = Guard.InRange(value, 0, 100, nameof(Composite)); }

    /// <summary>Gets the band at the snapshot. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Band { get; init; }

    /// <summary>Gets the signal values at the snapshot, for weight fitting and drift. <value>The default value is empty.</value></summary>
    public SignalValues Signals { get; init; } = SignalValues.Empty;

    /// <summary>Gets whether the account expanded within the horizon.</summary>
    public required bool Expanded { get; init; }

    /// <summary>Gets the expansion dollars booked within the horizon. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double ExpansionDollars { get => expansionDollars; init => expansionDollars = Guard.NonNegative(value, nameof(ExpansionDollars)); }

    /// <summary>Builds an outcome from an explained score and what happened next.</summary>
    /// <param name="scored">The account as it was scored at the snapshot.</param>
    /// <param name="expanded">Whether it expanded within the horizon.</param>
    /// <param name="expansionDollars">The expansion dollars booked.</param>
    /// <returns>The outcome, carrying the snapshot's probability, composite, band and present signal values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scored"/> is <see langword="null"/>.</exception>
    public static HistoricalOutcome From(ScoredAccount scored, bool expanded, double expansionDollars = 0)
    {
        Guard.NotNull(scored);
        var values = SignalValues.Empty;
        foreach (var s in scored.Signals)
        {
            if (s.Value is { } v)
            {
                values = values.With(SignalKey.Of(s.Signal), v);
            }
        }

        return new HistoricalOutcome
        {
            AccountId = scored.AccountId,
            Probability = scored.Probability,
            Composite = scored.Composite,
            Band = scored.Band,
            Signals = values,
            Expanded = expanded,
            ExpansionDollars = expansionDollars,
        };
    }
}
