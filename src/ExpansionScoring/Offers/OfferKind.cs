namespace ExpansionScoring.Offers;

/// <summary>The kind of next-best offer (SPEC §6).</summary>
public enum OfferKind
{
    /// <summary>No offer yet: keep nurturing. Multiplier 0.</summary>
    Nurture = 0,

    /// <summary>Add seats (capacity upsell). Default multiplier 0.20.</summary>
    Seats = 1,

    /// <summary>Upgrade to the next plan on the ladder. Default multiplier 0.45.</summary>
    Tier = 2,

    /// <summary>Sell an add-on. Default multiplier 0.18.</summary>
    AddOn = 3,

    /// <summary>Convert the renewal into a multi-year term. Default multiplier 0.10.</summary>
    MultiYear = 4,
}
