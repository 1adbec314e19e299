namespace ExpansionScoring.History;

/// <summary>How an account's probability change was split over its signals.</summary>
public enum AttributionMethod
{
    /// <summary>Exact Shapley values over the signals that changed: each signal's average marginal effect over every order of applying the changes.</summary>
    Shapley = 0,

    /// <summary>Sequential: the changes applied one at a time in the model's signal order, each credited with its own step (used above the Shapley limit).</summary>
    Sequential = 1,
}

/// <summary>One signal's share of an account's probability change between two snapshots. Immutable.</summary>
public sealed record SignalAttribution
{
    /// <summary>The name used for the part of the change due to the model itself (another probability transform or missing-signal policy).</summary>
    public const string ModelChange = "Model";

    /// <summary>Gets the signal's name, or <see cref="ModelChange"/>.</summary>
    public required string Signal { get; init; }

    /// <summary>
    /// Gets the probability points attributed to this signal; the attributions of an account, added left to right in
    /// their listed order, give exactly its probability change.
    /// </summary>
    public double Change { get; init; }

    /// <summary>Gets the signal's value in the earlier snapshot; <see langword="null"/> when missing.</summary>
    public double? ValueBefore { get; init; }

    /// <summary>Gets the signal's value in the later snapshot; <see langword="null"/> when missing.</summary>
    public double? ValueAfter { get; init; }

    /// <summary>Gets the signal's normalised weight (preset weights sum to 1) in the earlier snapshot.</summary>
    public double WeightBefore { get; init; }

    /// <summary>Gets the signal's normalised weight in the later snapshot.</summary>
    public double WeightAfter { get; init; }
}
