namespace ExpansionScoring.History;

/// <summary>One cell of the band migration matrix: the accounts in both snapshots that were in one band and are now in another (or the same). Immutable.</summary>
public sealed record BandMigration
{
    /// <summary>Gets the band in the earlier snapshot.</summary>
    public required string From { get; init; }

    /// <summary>Gets the band in the later snapshot.</summary>
    public required string To { get; init; }

    /// <summary>Gets the number of accounts that moved from <see cref="From"/> to <see cref="To"/>.</summary>
    public int Count { get; init; }

    /// <summary>Gets their opportunity in the earlier snapshot, to a millionth.</summary>
    public double OpportunityBefore { get; init; }

    /// <summary>Gets their opportunity in the later snapshot, to a millionth.</summary>
    public double OpportunityAfter { get; init; }
}
