namespace ExpansionScoring.Columnar;

/// <summary>
/// Where <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/> writes its results, one span per
/// field. Every column is optional: leave it empty to skip it (the per-band and per-window sums are always computed),
/// or give at least as many elements as there are accounts.
/// </summary>
public readonly ref struct ScoreColumns
{
    /// <summary>Gets where to write each account's composite, 0..100 (or the clamped points share for points rubrics).</summary>
    public Span<double> Composite { get; init; }

    /// <summary>Gets where to write each account's probability, 5..95.</summary>
    public Span<double> Probability { get; init; }

    /// <summary>Gets where to write each account's dollar opportunity (0 when gated).</summary>
    public Span<double> Opportunity { get; init; }

    /// <summary>Gets where to write each account's band, offer, window, gates and missing-signal count.</summary>
    public Span<ScoreOutcome> Outcome { get; init; }

    internal void Validate(int count)
    {
        Check(Composite.Length, count, nameof(Composite));
        Check(Probability.Length, count, nameof(Probability));
        Check(Opportunity.Length, count, nameof(Opportunity));
        Check(Outcome.Length, count, nameof(Outcome));
    }

    internal ScoreColumns Slice(int start, int length) => new()
    {
        Composite = Part(Composite, start, length),
        Probability = Part(Probability, start, length),
        Opportunity = Part(Opportunity, start, length),
        Outcome = Part(Outcome, start, length),
    };

    private static Span<T> Part<T>(Span<T> column, int start, int length) => column.IsEmpty ? column : column.Slice(start, length);

    private static void Check(int length, int count, string column)
    {
        if (length != 0 && length < count)
        {
            throw new ArgumentException($"Result column {column} holds {length} elements but {count} accounts were given; make it at least as long, or leave it empty to skip it.", column);
        }
    }
}
