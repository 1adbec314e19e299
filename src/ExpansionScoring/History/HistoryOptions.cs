namespace ExpansionScoring.History;

/// <summary>Options for comparing two snapshots of a book.</summary>
public sealed class HistoryOptions
{
    /// <summary>
    /// Gets or sets the most changed signals for which exact Shapley attribution is computed (it costs 2ⁿ re-evaluations
    /// of the composite); above it the change is attributed sequentially. <value>The default value is 12.</value>
    /// </summary>
    public int MaxShapleySignals { get; set; } = 12;

    /// <summary>
    /// Gets or sets whether to find, for every account below the top band in the later snapshot, the smallest single-signal
    /// increase that lifts it a band (several re-scorings per account). <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool IncludeNextBandLifts { get; set; } = true;

    /// <summary>Lists every problem with these options, each naming its key. Empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
        => MaxShapleySignals is < 0 or > 20
            ? [$"History:{nameof(MaxShapleySignals)} must be in 0..20, was {MaxShapleySignals}."]
            : [];
}
