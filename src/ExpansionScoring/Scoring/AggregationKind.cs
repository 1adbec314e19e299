namespace ExpansionScoring;

/// <summary>How a model combines its signals into a score.</summary>
public enum AggregationKind
{
    /// <summary>Σ wᵢ·sᵢ / Σ wᵢ over the signals counted: a weighted average on 0..100 (SPEC §3, the default).</summary>
    WeightedAverage = 0,

    /// <summary>
    /// Σ wᵢ·sᵢ: a points sum with its own maximum (<see cref="ExpansionScoringOptions.MaxPoints"/>), as in points rubrics.
    /// Missing signals earn no points. The composite is 100 × points / maximum.
    /// </summary>
    PointsSum = 1,
}

/// <summary>What a model's bands are read from.</summary>
public enum BandBasis
{
    /// <summary>The probability shown to users (SPEC §5, the default).</summary>
    Probability = 0,

    /// <summary>The raw score: the weighted average, or the points of a points-sum rubric.</summary>
    Score = 1,
}
