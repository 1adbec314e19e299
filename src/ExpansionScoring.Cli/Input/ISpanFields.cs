namespace ExpansionScoring.Cli.Input;

/// <summary>One record's fields as UTF-8 spans, by column: what the columnar reader parses a row from.</summary>
internal interface ISpanFields
{
    /// <summary>Gets the record's value in <paramref name="column"/> as UTF-8; empty when absent; valid until the next read.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The bytes.</returns>
    ReadOnlySpan<byte> Span(int column);
}

/// <summary>The fields of the record a CSV reader stands on (a worker's reader, on the parallel path).</summary>
/// <param name="reader">The reader.</param>
internal readonly struct CsvFields(CsvHelper.CsvReader reader) : ISpanFields
{
    public ReadOnlySpan<byte> Span(int column) => column < reader.FieldCount ? reader.GetSpan(column) : default;
}

/// <summary>The fields of one record of a parsed JSON page (a parsing thread's, on the parallel path), by schema field.</summary>
/// <param name="page">The page.</param>
/// <param name="record">The record's index in the page.</param>
internal readonly struct JsonFields(JsonRecordPage page, int record) : ISpanFields
{
    public ReadOnlySpan<byte> Span(int column) => page.Span((record * page.Fields) + column);
}
