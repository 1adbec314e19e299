namespace ExpansionScoring.Cli.Input;

/// <summary>
/// A source the columnar reader can take record by record as UTF-8 spans, materialising only the rows it cannot take
/// that way: CSV (<see cref="CsvAccountSource"/>) and JSON (<see cref="JsonAccountSource"/>).
/// </summary>
internal interface ISpanRecordSource : IAccountSource, ISpanFields
{
    /// <summary>Advances to the next record without materialising it.</summary>
    /// <param name="line">The record's line number.</param>
    /// <param name="problem">Why the whole row is rejected, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    bool NextRecord(out long line, out Rejection? problem);

    /// <summary>Gets the column of each schema field, −1 when the input cannot have it.</summary>
    /// <returns>The columns by schema field.</returns>
    int[] ColumnsByField();

    /// <summary>Gets whether the current record has values only for the schema fields in <paramref name="allowed"/>.</summary>
    /// <param name="allowed">The schema fields the columnar reader understands.</param>
    /// <returns><see langword="true"/> when the columnar reader may take the record.</returns>
    bool CurrentRecordOnly(IReadOnlySet<int> allowed);

    /// <summary>The current record as the string values <see cref="AccountRowParser"/> reads.</summary>
    /// <param name="line">The record's line number.</param>
    /// <param name="problem">Why the whole row is rejected, if it is.</param>
    /// <returns>The row.</returns>
    InputRow Materialize(long line, Rejection? problem);
}
