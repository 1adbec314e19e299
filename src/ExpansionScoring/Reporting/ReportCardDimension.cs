namespace ExpansionScoring.Reporting;

/// <summary>One graded dimension of the report card (SPEC §11). Immutable.</summary>
public sealed record ReportCardDimension
{
    /// <summary>Gets which dimension this is.</summary>
    public ReportDimension Dimension { get; init; }

    /// <summary>Gets the dimension's name as the SPEC writes it, such as "Pipeline $ Quality".</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the measured figure the score is read from: a share 0..1 for every dimension except Champion Strength,
    /// whose figure is the mean Champion signal 0..100. <see langword="null"/> when the book has no data for it.
    /// </summary>
    public double? Measure { get; init; }

    /// <summary>Gets the score 0..100, each account counting once; <see langword="null"/> when the book has no data for it.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the letter for <see cref="Score"/>, or <c>"N/A"</c>.</summary>
    public required string Grade { get; init; }

    /// <summary>
    /// Gets the score 0..100 with each account weighted by its ARR; <see langword="null"/> without data or ARR.
    /// Account Expansion and Pipeline $ Quality are money-weighted by definition, so for them it equals <see cref="Score"/>.
    /// </summary>
    public double? ArrWeightedScore { get; init; }

    /// <summary>Gets the letter for <see cref="ArrWeightedScore"/>, or <c>"N/A"</c>.</summary>
    public required string ArrWeightedGrade { get; init; }

    /// <summary>Gets a one-line reading of the figure, such as "80 % of book ARR is in Hot + Warm".</summary>
    public required string Detail { get; init; }

    /// <summary>Gets one line of advice for when this is the weakest dimension.</summary>
    public required string Advice { get; init; }

    /// <summary>Gets a value indicating whether the book had data to grade this dimension.</summary>
    public bool IsApplicable => Score is not null;
}
