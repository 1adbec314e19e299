using Apache.Arrow;
using ExpansionScoring.Columnar;

namespace ExpansionScoring.Arrow;

/// <summary>Scores an Apache Arrow <see cref="RecordBatch"/> on the batch path in one call.</summary>
public static class ArrowScoring
{
    /// <summary>
    /// Scores every row of <paramref name="batch"/> (read as <see cref="ArrowAccountColumns"/>) with
    /// <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>; result <c>i</c> is row <c>i</c>'s.
    /// </summary>
    /// <param name="model">The model to score with.</param>
    /// <param name="batch">The accounts, columns named as the canonical CSV header.</param>
    /// <param name="asOf">The scoring date.</param>
    /// <param name="results">Room for one result per row.</param>
    /// <returns>The batch's totals and the path it took.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException">A column is missing, of the wrong type or out of range (see <see cref="ArrowAccountColumns"/>), or <paramref name="results"/> is too short.</exception>
    public static BatchSummary ScoreBatch(this ScoringModel model, RecordBatch batch, DateOnly asOf, ScoreColumns results)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ScoreBatch(new ArrowAccountColumns(batch, asOf).Columns, asOf, results);
    }
}
