namespace ExpansionScoring.Cli.Input;

/// <summary>A stream of rows from a CSV or JSON export, read one at a time so memory does not grow with the file.</summary>
internal interface IAccountSource : IDisposable
{
    /// <summary>Gets how the input spells each known column, by <see cref="InputSchema"/> index, for messages.</summary>
    IReadOnlyList<string> FieldNames { get; }

    /// <summary>Gets the input's size in bytes, when known (for progress).</summary>
    long? TotalBytes { get; }

    /// <summary>Gets about how many bytes have been read so far (for progress).</summary>
    long BytesRead { get; }

    /// <summary>Gets how many fully blank rows were skipped so far (not data rows: neither scored nor rejected).</summary>
    long BlankRows => 0;

    /// <summary>Gets the lines of a report footer skipped after the last data row, known once every row has been read.</summary>
    IReadOnlyList<string> Footer => [];

    /// <summary>Reads the data rows, in file order.</summary>
    /// <exception cref="CliException">The input stops being readable (malformed JSON, a CSV record too large).</exception>
    IEnumerable<InputRow> ReadRows();
}
