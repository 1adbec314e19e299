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
        while (Next())
        {
            long line = reader.LineNumber;
            var values = new string?[schemaCount];
            foreach (var (column, field) in mapped)
            {
                if (column < reader.FieldCount && !reader.IsEmpty(column))
                {
                    string value = reader.GetString(column);
                    values[field] = string.IsNullOrWhiteSpace(value) ? null : value;
                }
            }

            Rejection? problem = null;
            if (malformed is { } m && m.RecordNumber == reader.RowNumber + 1)
            {
                problem = new Rejection(line, null, Rejection.WholeRow, null, Describe(m.Reason));
            }
            else if (reader.FieldCount != headerCount)
            {
                problem = new Rejection(line, null, Rejection.WholeRow, null, $"the row has {reader.FieldCount} fields but the header has {headerCount}");
            }

            malformed = null;
            yield return new InputRow(line, values, problem);
        }
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

    private static string Describe(CsvMalformedReason reason) => reason switch
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
