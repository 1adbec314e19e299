namespace ExpansionScoring.History;

/// <summary>One side of a comparison: the date a book was scored as of, its size and its pipeline. Immutable.</summary>
public sealed record SnapshotSummary
{
    /// <summary>Gets the date the book was scored as of.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>Gets the number of accounts in the book.</summary>
    public int AccountCount { get; init; }

    /// <summary>Gets the probability-weighted pipeline: the sum of the accounts' opportunities, to a millionth.</summary>
    public double Pipeline { get; init; }
}
