using CsvHelper;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads accounts from CSV with CsvHelper: RFC 4180 quoting (commas, quotes and line breaks inside quoted fields),
/// a header matched case-insensitively, and every record's starting line tracked for messages.
/// </summary>
internal sealed class CsvAccountSource : IAccountSource
{
    private const int MaxRecordBytes = 8 * 1024 * 1024;

    private readonly CsvReader reader;
    private readonly string name;
    private readonly int headerCount;
    private readonly (int Column, int Field)[] mapped;
    private readonly int schemaCount;
    private (long RecordNumber, CsvMalformedReason Reason)? malformed;

    private CsvAccountSource(CsvReader reader, string name, InputSchema schema, long? totalBytes, Action<string> warn)
    {
        this.reader = reader;
        this.name = name;
        TotalBytes = totalBytes;
        schemaCount = schema.Count;

        IReadOnlyList<string> headers;
        try
        {
            headers = reader.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new CliException($"{name}: the header is not readable CSV: {ex.Message}", ex);
        }

        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            throw new CliException($"{name}: the file is empty (expected a header row with account_id and arr)");
        }

        headerCount = headers.Count;
        string[] names = [.. schema.SnakeNames];
        int[] firstColumn = Enumerable.Repeat(-1, schema.Count).ToArray();
        var map = new List<(int, int)>();
        var unknown = new List<string>();
        for (int col = 0; col < headers.Count; col++)
        {
            string header = headers[col].Trim();
            if (header.Length == 0)
            {
                continue;
            }

            if (!schema.TryFind(header, out int field))
            {
                unknown.Add(header);
                continue;
            }

            if (firstColumn[field] >= 0)
            {
                throw new CliException($"{name}: column '{header}' appears twice in the header (columns {firstColumn[field] + 1} and {col + 1})");
            }

            firstColumn[field] = col;
            names[field] = header;
            map.Add((col, field));
        }

        string[] missing = [.. new[] { InputSchema.AccountId, InputSchema.Arr }.Where(f => firstColumn[f] < 0).Select(f => schema.SnakeNames[f])];
        if (missing.Length > 0)
        {
            throw new CliException($"{name}: missing required column{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(" and ", missing)} " +
                $"(the header has: {Abbreviate(headers)})");
        }

        if (unknown.Count > 0)
        {
            warn($"warning: {name}: ignoring unknown column{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown)}");
        }

        mapped = [.. map];
        FieldNames = names;
    }

    public IReadOnlyList<string> FieldNames { get; }

    public long? TotalBytes { get; }

    public long BytesRead => reader.ByteOffset;

    /// <summary>Opens a CSV source and reads its header.</summary>
    /// <exception cref="CliException">The file is empty, binary, or its header lacks a required column.</exception>
    public static CsvAccountSource Open(Stream stream, string name, InputSchema schema, long? totalBytes, Action<string> warn)
    {
        if (stream.CanSeek && LooksBinary(stream))
        {
            throw new CliException($"{name}: not a CSV text file (it contains binary data)");
        }

        return Create(r => CsvReader.Create(stream, r, leaveOpen: false), name, schema, totalBytes, warn);
    }

    /// <summary>Opens a CSV source over text, such as standard input.</summary>
    public static CsvAccountSource Open(TextReader text, string name, InputSchema schema, Action<string> warn)
        => Create(r => CsvReader.Create(text, r, leaveOpen: true), name, schema, null, warn);

    public IEnumerable<InputRow> ReadRows()
    {
        while (NextRecord(out long line, out var problem))
        {
            yield return Materialize(line, problem);
        }
    }

    /// <summary>Gets whether the header maps a column to schema field <paramref name="field"/>.</summary>
    /// <param name="field">The schema field.</param>
    /// <returns><see langword="true"/> when the book has the column.</returns>
    public bool Maps(int field) => Array.Exists(mapped, m => m.Field == field);

    /// <summary>Gets the schema fields the header maps.</summary>
    public IEnumerable<int> MappedFields => mapped.Select(m => m.Field);

    /// <summary>
    /// Advances to the next record without materialising it: the columnar reader takes its fields as spans
    /// (<see cref="Span"/>) and only a row it cannot take that way as strings (<see cref="Materialize"/>).
    /// </summary>
    /// <param name="line">The record's line number.</param>
    /// <param name="problem">Why the whole row is rejected (malformed quoting, wrong field count), or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public bool NextRecord(out long line, out Rejection? problem)
    {
        if (!Next())
        {
            line = 0;
            problem = null;
            return false;
        }

        line = reader.LineNumber;
        problem = null;
        if (malformed is { } m && m.RecordNumber == reader.RowNumber + 1)
        {
            problem = new Rejection(line, null, Rejection.WholeRow, null, Describe(m.Reason));
        }
        else if (reader.FieldCount != headerCount)
        {
            problem = new Rejection(line, null, Rejection.WholeRow, null, $"the row has {reader.FieldCount} fields but the header has {headerCount}");
        }

        malformed = null;
        return true;
    }

    /// <summary>Gets the current record's field in column <paramref name="column"/> (an index into the file's columns) as UTF-8, unquoted.</summary>
    /// <param name="column">The file column.</param>
    /// <returns>The bytes, empty when the record has no such column; valid until the next read.</returns>
    public ReadOnlySpan<byte> Span(int column) => column < reader.FieldCount ? reader.GetSpan(column) : default;

    /// <summary>Gets the file column of each schema field, −1 when the header lacks it.</summary>
    public int[] ColumnsByField()
    {
        int[] columns = Enumerable.Repeat(-1, schemaCount).ToArray();
        foreach (var (column, field) in mapped)
        {
            columns[field] = column;
        }

        return columns;
    }

    /// <summary>The current record as the string values <see cref="AccountRowParser"/> reads.</summary>
    /// <param name="line">The record's line number.</param>
    /// <param name="problem">Why the whole row is rejected, if it is.</param>
    /// <returns>The row.</returns>
    public InputRow Materialize(long line, Rejection? problem)
    {
        var values = new string?[schemaCount];
        foreach (var (column, field) in mapped)
        {
            if (column < reader.FieldCount && !reader.IsEmpty(column))
            {
                string value = reader.GetString(column);
                values[field] = string.IsNullOrWhiteSpace(value) ? null : value;
            }
        }

        return new InputRow(line, values, problem);
    }

    public void Dispose() => reader.Dispose();

    private static CsvAccountSource Create(Func<CsvReaderOptions, CsvReader> open, string name, InputSchema schema, long? totalBytes, Action<string> warn)
    {
        CsvAccountSource? source = null;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = m =>
            {
                if (source is not null)
                {
                    source.malformed ??= (m.RecordNumber, m.Reason);
                }
            },
        };

        var reader = open(options);
        try
        {
            source = new CsvAccountSource(reader, name, schema, totalBytes, warn);
            return source;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private bool Next()
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException ex)
        {
            string where = ex.LineNumber > 0 ? $", line {ex.LineNumber}" : string.Empty;
            throw new CliException($"{name}{where}: cannot read the CSV: {ex.Message}", ex);
        }
    }

    internal static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "malformed quoting: a '\"' inside an unquoted field (quote the whole field and double the quotes inside it)",
        CsvMalformedReason.TextAfterClosingQuote => "malformed quoting: text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "malformed quoting: a quoted field is never closed, so the rest of the file was read into this row",
        _ => $"malformed CSV ({reason})",
    };

    private static string Abbreviate(IReadOnlyList<string> headers)
    {
        var shown = headers.Take(12).Select(h => h.Length > 40 ? h[..40] + "…" : h);
        string text = string.Join(", ", shown.Select(h => h.ReplaceLineEndings(" ")));
        return headers.Count > 12 ? $"{text}, … ({headers.Count} columns)" : text;
    }

    /// <summary>A NUL byte in the first 4 KB (without a UTF-16/32 byte order mark) means this is not text.</summary>
    private static bool LooksBinary(Stream stream)
    {
        Span<byte> head = stackalloc byte[4096];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var bytes = head[..n];
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return false;
        }

        return bytes.Contains((byte)0);
    }
}
