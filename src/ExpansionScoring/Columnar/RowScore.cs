namespace ExpansionScoring.Columnar;

/// <summary>
/// The result of <see cref="ScoringModel.ScoreRow"/>: the numbers and the packed categorical outcome. Only the engine
/// builds one, so its numbers and outcome always come from one evaluation.
/// </summary>
public readonly record struct RowScore
{
    internal RowScore(double composite, double probability, double opportunity, ScoreOutcome outcome, ScoringPath path)
    {
        Composite = composite;
        Probability = probability;
        Opportunity = opportunity;
        Outcome = outcome;
        Path = path;
    }

    /// <summary>Gets the composite, 0..100.</summary>
    public double Composite { get; }

    /// <summary>Gets the probability, 5..95.</summary>
    public double Probability { get; }

    /// <summary>Gets the dollar opportunity (0 when gated).</summary>
    public double Opportunity { get; }

    /// <summary>Gets the band, offer, window, gates and missing-signal count.</summary>
    public ScoreOutcome Outcome { get; }

    /// <summary>Gets which code scored the row: <see cref="ScoringPath.Kernel"/>, or <see cref="ScoringPath.General"/> for a model the kernel does not cover.</summary>
    public ScoringPath Path { get; }
}
