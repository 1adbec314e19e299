using ExpansionScoring.Signals;

namespace ExpansionScoring.Offers;

/// <summary>
/// A next-best-offer rule written in code. Rules are tried in priority order and the first that matches wins.
/// Implementations must be thread-safe; <see cref="Matches"/> runs on the hot path and should not allocate.
/// </summary>
public interface IOfferRule
{
    /// <summary>Gets the rule's name, reported with the offer.</summary>
    string Name { get; }

    /// <summary>Gets the offer the rule makes when it matches.</summary>
    OfferKind Offer { get; }

    /// <summary>Returns whether the rule fires for this account.</summary>
    /// <param name="arguments">The account's signals, probability and commercial facts.</param>
    /// <returns><see langword="true"/> to make <see cref="Offer"/>.</returns>
    bool Matches(in OfferRuleArguments arguments);

    /// <summary>Builds the one-line rationale shown with the offer; called only when explaining a result.</summary>
    /// <param name="arguments">The same arguments <see cref="Matches"/> saw.</param>
    /// <returns>The rationale.</returns>
    string Explain(in OfferRuleArguments arguments);
}

/// <summary>What an <see cref="IOfferRule"/> sees of an account. New members may be added over time.</summary>
public readonly ref struct OfferRuleArguments
{
    private readonly ReadOnlySpan<double> values;
    private readonly int[] slotOfKey;

    internal OfferRuleArguments(Account account, DateOnly asOf, ReadOnlySpan<double> values, int[] slotOfKey, double composite, double probability, double seatSaturation, double daysToRenewal, string? nextPlan, int seatsToAdd)
    {
        Account = account;
        AsOf = asOf;
        this.values = values;
        this.slotOfKey = slotOfKey;
        Composite = composite;
        Probability = probability;
        SeatSaturation = seatSaturation;
        DaysToRenewal = daysToRenewal;
        NextPlan = nextPlan;
        SeatsToAdd = seatsToAdd;
    }

    /// <summary>Gets the account.</summary>
    public Account Account { get; }

    /// <summary>Gets the account's segment.</summary>
    public Segment Segment => Account.Segment;

    /// <summary>Gets the as-of date.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the composite, 0..100.</summary>
    public double Composite { get; }

    /// <summary>Gets the probability, 5..95.</summary>
    public double Probability { get; }

    /// <summary>Gets the seat saturation ratio; NaN when unknown.</summary>
    public double SeatSaturation { get; }

    /// <summary>Gets the days to renewal; NaN when unknown.</summary>
    public double DaysToRenewal { get; }

    /// <summary>Gets the plan after the account's plan on the ladder; <see langword="null"/> when unknown or at the top.</summary>
    public string? NextPlan { get; }

    /// <summary>Gets the seats to add to bring utilisation back to target; −1 when seat counts are unknown.</summary>
    public int SeatsToAdd { get; }

    /// <summary>Gets a signal's value, 0..100; NaN when missing or not part of the model.</summary>
    /// <param name="key">The signal.</param>
    /// <returns>The value or NaN.</returns>
    public double Signal(SignalKey key)
    {
        uint id = (uint)key.Id;
        if (id < (uint)slotOfKey.Length && slotOfKey[id] is int slot and >= 0)
        {
            return values[slot];
        }

        return double.NaN;
    }
}
