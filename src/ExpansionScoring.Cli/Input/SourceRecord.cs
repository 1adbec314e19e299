namespace ExpansionScoring.Cli.Input;

/// <summary>What a record of the input is, before its place among its neighbours decides whether it is data.</summary>
internal enum RecordKind : byte
{
    /// <summary>Every field is empty: skipped and counted.</summary>
    Blank,

    /// <summary>One non-empty field: data if a data row follows, part of a report's footer if none does.</summary>
    Lone,

    /// <summary>A data row.</summary>
    Data,
}

/// <summary>
/// One record of the input as a reader thread leaves it for the thread that takes the records in order: read as spans
/// by a span parser into <see cref="Value"/> (<see cref="Taken"/>), or else made into the strings the full parser reads,
/// which the reader keeps aside (<see cref="IRecordReader{T}.Row"/>), so nothing of it refers to the reader any more.
/// </summary>
/// <remarks>
/// It holds no reference (when <typeparamref name="T"/> holds none), so the few copies on its way from a worker to the
/// taking thread are plain memory copies, without the garbage collector's write barriers.
/// </remarks>
/// <typeparam name="T">What the span parser makes of a row.</typeparam>
internal struct SourceRecord<T>
{
    /// <summary>The record's kind.</summary>
    public RecordKind Kind;

    /// <summary>Whether the span parser took the record (<see cref="Value"/> holds it) rather than the full parser.</summary>
    public bool Taken;

    /// <summary>Whether the reader keeps strings or a problem for the record aside.</summary>
    public bool HasText;

    /// <summary>The line the record starts on.</summary>
    public long Line;

    /// <summary>The input's bytes before the record, for progress.</summary>
    public long Offset;

    /// <summary>The span parser's reading of the record, when <see cref="Taken"/>.</summary>
    public T Value;
}

/// <summary>What the reader keeps aside for a record not taken as spans.</summary>
/// <param name="Problem">Why the whole row is rejected (malformed quoting, wrong field count), or <see langword="null"/>.</param>
/// <param name="Row">The record as strings (with <paramref name="Problem"/>), unless the reader still stands on it.</param>
/// <param name="Only">The one non-empty field of a <see cref="RecordKind.Lone"/> record, trimmed, for the footer warning.</param>
internal sealed record RecordText(Rejection? Problem, InputRow Row, string? Only);

/// <summary>Reads one CSV record's fields into <paramref name="value"/>; returns <see langword="false"/> when the full parser should take the row.</summary>
/// <typeparam name="T">What the parser makes of a row.</typeparam>
/// <param name="fields">The record's fields; valid only during the call.</param>
/// <param name="value">The row as read.</param>
/// <returns><see langword="true"/> when the row was read.</returns>
internal delegate bool SpanParser<T>(CsvFields fields, out T value);

/// <summary>Reads one JSON record's fields into <paramref name="value"/>; returns <see langword="false"/> when the full parser should take the row.</summary>
/// <typeparam name="T">What the parser makes of a row.</typeparam>
/// <param name="fields">The record's fields; valid only during the call.</param>
/// <param name="value">The row as read.</param>
/// <returns><see langword="true"/> when the row was read.</returns>
internal delegate bool JsonSpanParser<T>(JsonFields fields, out T value);

/// <summary>Data records in file order, each written into the caller's slot (a record can be a few hundred bytes: it is copied as little as it can be).</summary>
/// <typeparam name="T">What the span parser makes of a row.</typeparam>
internal interface IRecordReader<T> : IDisposable
{
    /// <summary>Reads the next data record into <paramref name="record"/>.</summary>
    /// <param name="record">The slot to fill.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    /// <exception cref="CliException">The input stops being readable (after the records before it).</exception>
    bool Next(ref SourceRecord<T> record);

    /// <summary>Gets the strings the full parser reads for a record not <see cref="SourceRecord{T}.Taken"/>; called once for each such record, in order.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The row, with the reason the whole row is rejected, if it is.</returns>
    InputRow Row(in SourceRecord<T> record);
}
