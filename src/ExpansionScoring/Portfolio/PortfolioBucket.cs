namespace ExpansionScoring;

/// <summary>The accounts of a portfolio that share a band, a pitch window or a gate: how many, their ARR and their dollar opportunity. Immutable.</summary>
public sealed record PortfolioBucket
{
    /// <summary>Gets the empty bucket.</summary>
    public static PortfolioBucket Empty { get; } = new();

    /// <summary>Gets the number of accounts.</summary>
    public int Count { get; init; }

    /// <summary>Gets the accounts' total annual recurring revenue.</summary>
    public double Arr { get; init; }

    /// <summary>Gets the accounts' total probability-weighted dollar opportunity (SPEC §6).</summary>
    public double Opportunity { get; init; }
}
