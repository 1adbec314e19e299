namespace ExpansionScoring.Columnar;

/// <summary>The result of <see cref="ScoringModel.ScoreRow"/>: the numbers and the packed categorical outcome.</summary>
/// <param name="Composite">The composite, 0..100.</param>
/// <param name="Probability">The probability, 5..95.</param>
/// <param name="Opportunity">The dollar opportunity (0 when gated).</param>
/// <param name="Outcome">Band, offer, window, gates and missing-signal count.</param>
/// <param name="Path">Which code scored the row: <see cref="ScoringPath.Scalar"/>, or <see cref="ScoringPath.General"/> for a model the kernel does not cover.</param>
public readonly record struct RowScore(double Composite, double Probability, double Opportunity, ScoreOutcome Outcome, ScoringPath Path);
