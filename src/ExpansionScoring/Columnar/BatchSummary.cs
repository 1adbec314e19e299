namespace ExpansionScoring.Columnar;

/// <summary>
/// The aggregates of one batch, computed in the same pass as the scores: per band and per computed window, how many
/// accounts, their ARR and their opportunity, and how many were gated. Summaries of parts of a book merge into the
/// summary of the whole (<see cref="Merge"/>), which is how a book split across cores is put back together.
/// </summary>
/// <remarks>
/// Sums are <see cref="double"/>s added lane by lane, so a merged total can differ from a one-pass total in the last
/// bits (relative error around 1e-15). Where exact cents matter, use <see cref="Portfolio"/>, which sums exactly.
/// </remarks>
public sealed class BatchSummary
{
    private readonly BatchBucket[] bands;
    private readonly BatchBucket[] windows;

    internal BatchSummary(ScoringPath path, BatchBucket[] bands, BatchBucket[] windows, long gated)
    {
        Path = path;
        this.bands = bands;
        this.windows = windows;
        GatedCount = gated;
        foreach (var b in bands)
        {
            Count += b.Count;
            Arr += b.Arr;
            Opportunity += b.Opportunity;
        }
    }

    /// <summary>Gets which code scored the batch.</summary>
    public ScoringPath Path { get; }

    /// <summary>Gets the number of accounts scored.</summary>
    public long Count { get; }

    /// <summary>Gets the total ARR.</summary>
    public double Arr { get; }

    /// <summary>Gets the total dollar opportunity (the probability-weighted pipeline).</summary>
    public double Opportunity { get; }

    /// <summary>Gets the number of accounts a gate blocked.</summary>
    public long GatedCount { get; }

    /// <summary>Gets each band's share, indexed like <see cref="ScoringModel.Bands"/>.</summary>
    public IReadOnlyList<BatchBucket> ByBand => bands;

    /// <summary>Gets each computed window's share, indexed by <see cref="Windows.PitchWindow"/>.</summary>
    public IReadOnlyList<BatchBucket> ByWindow => windows;

    /// <summary>Returns the summary of both batches together.</summary>
    /// <param name="other">The summary of another part of the book, scored by the same model.</param>
    /// <returns>The merged summary; its <see cref="Path"/> is <see cref="ScoringPath.Mixed"/> when the parts ran on different paths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The summaries have different numbers of bands.</exception>
    public BatchSummary Merge(BatchSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.bands.Length != bands.Length)
        {
            throw new ArgumentException($"Cannot merge a summary of {other.bands.Length} bands into one of {bands.Length}; both must come from the same model.", nameof(other));
        }

        var b = new BatchBucket[bands.Length];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = bands[i] + other.bands[i];
        }

        var w = new BatchBucket[windows.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = windows[i] + other.windows[i];
        }

        return new BatchSummary(Path == other.Path ? Path : ScoringPath.Mixed, b, w, GatedCount + other.GatedCount);
    }

    /// <inheritdoc/>
    public override string ToString()
        => FormattableString.Invariant($"{Count} accounts, ARR {Arr:0.##}, opportunity {Opportunity:0.##}, {GatedCount} gated ({Path})");
}
