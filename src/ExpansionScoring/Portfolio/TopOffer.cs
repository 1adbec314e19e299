namespace ExpansionScoring;

/// <summary>One of a portfolio's top offers by dollars (SPEC §11). Immutable.</summary>
public sealed record TopOffer
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the account's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the band's name.</summary>
    public required string Band { get; init; }

    /// <summary>Gets the probability in percent, 5..95.</summary>
    public double Probability { get; init; }

    /// <summary>Gets the next-best offer.</summary>
    public OfferKind Offer { get; init; }

    /// <summary>Gets the offer in words, as in <see cref="ScoredAccount.OfferLabel"/>: "Add 28 seats", "Upgrade Pro → Enterprise".</summary>
    public string OfferLabel { get; init; } = string.Empty;

    /// <summary>Gets the dollar opportunity.</summary>
    public double Opportunity { get; init; }

    /// <summary>Gets the account's annual recurring revenue.</summary>
    public double Arr { get; init; }

    /// <summary>Gets the effective pitch window (overrides applied).</summary>
    public PitchWindow EffectiveWindow { get; init; }

    /// <summary>
    /// Compares two offers by rank: more dollars first, then higher probability, then account id (ordinal).
    /// </summary>
    /// <returns>A negative number when the first ranks ahead of the second.</returns>
    internal static int CompareRank(double opportunityA, double probabilityA, string idA, double opportunityB, double probabilityB, string idB)
    {
        int c = opportunityB.CompareTo(opportunityA);
        if (c != 0)
        {
            return c;
        }

        c = probabilityB.CompareTo(probabilityA);
        return c != 0 ? c : string.CompareOrdinal(idA, idB);
    }

    internal static int CompareRank(TopOffer a, TopOffer b)
        => CompareRank(a.Opportunity, a.Probability, a.AccountId, b.Opportunity, b.Probability, b.AccountId);

    /// <summary>
    /// Compares two offers in the order of <see cref="Portfolio.TopOffers"/>: more dollars first, then higher
    /// probability, then account id (ordinal), so a caller that keeps its own top accounts picks the same ones.
    /// </summary>
    /// <param name="opportunityA">The first offer's dollars.</param>
    /// <param name="probabilityA">The first offer's probability.</param>
    /// <param name="accountIdA">The first offer's account id.</param>
    /// <param name="opportunityB">The second offer's dollars.</param>
    /// <param name="probabilityB">The second offer's probability.</param>
    /// <param name="accountIdB">The second offer's account id.</param>
    /// <returns>A negative number when the first ranks ahead of the second, zero when they tie, positive otherwise.</returns>
    public static int CompareRanks(double opportunityA, double probabilityA, string accountIdA, double opportunityB, double probabilityB, string accountIdB)
        => CompareRank(opportunityA, probabilityA, accountIdA, opportunityB, probabilityB, accountIdB);
}
