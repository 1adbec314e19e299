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
    private readonly string[]? planLadder;

    internal OfferRuleArguments(Account account, DateOnly asOf, ReadOnlySpan<double> values, int[] slotOfKey, double composite, double probability, double seatSaturation, double daysToRenewal, string[] planLadder, int seatsToAdd)
    {
        Account = account;
        AsOf = asOf;
        this.values = values;
        this.slotOfKey = slotOfKey;
        this.planLadder = planLadder;
        Composite = composite;
        Probability = probability;
        SeatSaturation = seatSaturation;
        DaysToRenewal = daysToRenewal;
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
    /// <remarks>Looked up each time it is read, not for every account scored: the default rules never read it.</remarks>
    public string? NextPlan
    {
        get
        {
            if (planLadder is null || Account?.Plan is not { } plan)
            {
                return null;
            }

            int at = IndexOfPlan(planLadder, plan);
            return at >= 0 && at < planLadder.Length - 1 ? planLadder[at + 1] : null;
        }
    }

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

    /// <summary>Gets the position of <paramref name="plan"/> on <paramref name="ladder"/>, case-insensitively; −1 when absent.</summary>
    internal static int IndexOfPlan(string[] ladder, string plan)
    {
        for (int i = 0; i < ladder.Length; i++)
        {
            if (string.Equals(ladder[i], plan, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
