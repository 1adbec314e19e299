namespace ExpansionScoring.Columnar;

/// <summary>One band's or one window's share of a batch: how many accounts, their ARR and their dollar opportunity.</summary>
/// <param name="Count">The number of accounts.</param>
/// <param name="Arr">Their total ARR.</param>
/// <param name="Opportunity">Their total dollar opportunity.</param>
public readonly record struct BatchBucket(long Count, double Arr, double Opportunity)
{
    /// <summary>Adds two buckets.</summary>
    /// <param name="left">The first bucket.</param>
    /// <param name="right">The second bucket.</param>
    /// <returns>The sum.</returns>
    public static BatchBucket operator +(BatchBucket left, BatchBucket right)
        => new(left.Count + right.Count, left.Arr + right.Arr, left.Opportunity + right.Opportunity);

    /// <summary>Adds two buckets.</summary>
    /// <param name="left">The first bucket.</param>
    /// <param name="right">The second bucket.</param>
    /// <returns>The sum.</returns>
    public static BatchBucket Add(BatchBucket left, BatchBucket right) => left + right;
}
