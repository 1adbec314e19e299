using ExpansionScoring.Offers;
using ExpansionScoring.Windows;

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

    /// <summary>Gets the one-line rationale built from the signals that fired the offer, as in <see cref="ScoredAccount.Rationale"/>.</summary>
    public string Rationale { get; init; } = string.Empty;

    /// <summary>Gets how much of the weighted evidence was present, as in <see cref="ScoredAccount.Confidence"/>.</summary>
    public Confidence Confidence { get; init; }

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
}
