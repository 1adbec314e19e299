using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads accounts from CSV with CsvHelper: RFC 4180 quoting (separators, quotes and line breaks inside quoted fields),
/// the separator detected from the first lines (<c>,</c> <c>;</c> tab or <c>|</c>) unless one is given, UTF-8 with or
/// without a byte order mark, UTF-16 with one, or a named encoding; invalid UTF-8 stops the run at its line instead of
/// being decoded into replacement characters. The header is mapped by <see cref="ColumnMap"/>. Fully blank rows are
/// skipped and counted; trailing lines with at most one non-empty field (a report's footer) are skipped, counted and
/// quoted. Every record's starting line is tracked for messages.
/// </summary>
/// <remarks>
/// Records are read one at a time (<see cref="NextRecord"/>), or on several threads with CsvHelper's ordered parallel
/// enumeration (<see cref="ReadParallel"/>): there each record is checked, classified and read (as spans by the
/// caller's parser, or else as strings) on a worker, and the rules that depend on a record's neighbours (blank rows,
/// the footer) are applied in file order by the one <see cref="RecordOrder{T}"/> both ways share.
/// </remarks>
internal sealed class CsvAccountSource : ISpanRecordSource
{
    private const int MaxRecordBytes = 8 * 1024 * 1024;

    /// <summary>Rows with one non-empty field are held back until a data row follows (then they are data) or the input ends (then they are the footer); past this many, they are data.</summary>
    private const int MaxHeldRows = 64;

    private readonly CsvReader reader;
    private readonly string name;
    private readonly int headerCount;
    private readonly (int Column, int Field)[] mapped;
    private readonly int schemaCount;
    private readonly bool checkUtf8;
    private readonly List<string> footer = [];
    private (long RecordNumber, CsvMalformedReason Reason)? malformed;
    private readonly ConcurrentDictionary<long, RecordText> texts = new();
    private ConcurrentDictionary<long, CsvMalformedReason>? malformedAhead;
    private int malformedAheadCount;
    private RecordOrder<byte>? ordered;
    private SourceRecord<byte> current;
    private bool parallel;
    private long parallelOffset;
    private InputRow currentHeld;

    private CsvAccountSource(CsvReader reader, string name, InputSchema schema, InputSettings settings, long? totalBytes, bool checkUtf8, bool requireIdAndArr)
    {
        this.reader = reader;
        this.name = name;
        this.checkUtf8 = checkUtf8;
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

        if (checkUtf8 && headers.Any(h => h.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            throw NotUtf8(1, string.Join(reader.Separator, headers));
        }

        Headers = headers;
        headerCount = headers.Count;
        try
        {
            Map = ColumnMap.Resolve(headers, schema, settings, requireIdAndArr);
        }
        catch (InputException ex)
        {
            throw new CliException($"{name}: {ex.Message}", ex);
        }

        mapped = [.. Enumerable.Range(0, schema.Count).Where(f => Map.ColumnOfField[f] >= 0).Select(f => (Map.ColumnOfField[f], f))];
        FieldNames = Map.FieldNames;
    }

    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>Gets the input's name for messages.</summary>
    public string Name => name;

    /// <summary>Gets the header as written.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Gets how the header maps to fields.</summary>
    public ColumnMap Map { get; }

    /// <summary>Gets the separator in use (given or detected).</summary>
    public char Separator => reader.Separator;

    public long? TotalBytes { get; }

    public long BytesRead => parallel ? Volatile.Read(ref parallelOffset) : reader.ByteOffset;

    /// <summary>Gets how many fully blank rows were skipped so far.</summary>
    public long BlankRows { get; private set; }

    /// <summary>Gets the footer lines skipped at the end of the input (known once the rows have been read).</summary>
    public IReadOnlyList<string> Footer => footer;

    /// <summary>Gets a value indicating whether the current record is the reader's (its fields readable with <see cref="Span"/>) rather than one held back and released.</summary>
    public bool IsLive { get; private set; }

    /// <summary>Opens a CSV source and reads its header.</summary>
    /// <exception cref="CliException">The file is empty, binary, not in its encoding, or its header lacks a required column.</exception>
    public static CsvAccountSource Open(Stream stream, string name, InputSchema schema, InputSettings settings, long? totalBytes, bool requireIdAndArr = true)
    {
        if (stream.CanSeek && LooksBinary(stream))
        {
            throw new CliException($"{name}: not a CSV text file (it contains binary data)");
        }

        var encoding = Encoding(settings);
        return Create(r => CsvReader.Create(stream, r with { Encoding = encoding }, leaveOpen: false), name, schema, settings, totalBytes, encoding is null, requireIdAndArr);
    }

    /// <summary>Opens a CSV source over text, such as standard input.</summary>
    public static CsvAccountSource Open(TextReader text, string name, InputSchema schema, InputSettings settings, bool requireIdAndArr = true)
        => Create(r => CsvReader.Create(text, r, leaveOpen: true), name, schema, settings, null, checkUtf8: false, requireIdAndArr);

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

    private IReadOnlySet<int>? onlyAsked;
    private bool onlyAnswer;

    /// <summary>Gets the schema fields the header maps.</summary>
    public IEnumerable<int> MappedFields => mapped.Select(m => m.Field);

    /// <summary>
    /// Gets whether the columnar reader may take the current record: it is the reader's own (<see cref="IsLive"/>) and
    /// the header maps only fields in <paramref name="allowed"/> (the same for every record).
    /// </summary>
    public bool CurrentRecordOnly(IReadOnlySet<int> allowed)
    {
        if (!ReferenceEquals(allowed, onlyAsked))
        {
            onlyAnswer = Array.TrueForAll(mapped, m => allowed.Contains(m.Field));
            onlyAsked = allowed;
        }

        return IsLive && onlyAnswer;
    }

    /// <summary>
    /// Advances to the next data record without materialising it: the columnar reader takes its fields as spans
    /// (<see cref="Span"/>, when <see cref="IsLive"/>) and only a row it cannot take that way as strings
    /// (<see cref="Materialize"/>). Blank rows and the footer are skipped here, so both readers see the same rows.
    /// </summary>
    /// <param name="line">The record's line number.</param>
    /// <param name="problem">Why the whole row is rejected (malformed quoting, wrong field count), or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public bool NextRecord(out long line, out Rejection? problem)
    {
        if (parallel)
        {
            throw new InvalidOperationException("The records are being read in parallel.");
        }

        ordered ??= new RecordOrder<byte>(this, Sequential().GetEnumerator());
        if (!ordered.Next(ref current))
        {
            line = 0;
            problem = null;
            return false;
        }

        // A record is live while the reader still stands on it: any but those held back and released behind a data row.
        IsLive = !ordered.Released;
        var text = current.HasText ? Text(current.Line) : null;
        currentHeld = text?.Row ?? default;
        line = current.Line;
        problem = text?.Problem;
        return true;
    }

    /// <summary>
    /// Reads the remaining data records on <paramref name="degree"/> threads, in file order: each is read on a worker
    /// by <paramref name="parse"/> when it can take it (<see cref="SourceRecord{T}.Taken"/>), and otherwise made into the
    /// strings the full parser reads (<see cref="IRecordReader{T}.Row"/>, with the reason the whole row is rejected, if
    /// it is). Blank rows and the footer are skipped as <see cref="NextRecord"/> skips them.
    /// </summary>
    /// <typeparam name="T">What <paramref name="parse"/> makes of a row.</typeparam>
    /// <param name="parse">Reads a record's fields; called on several threads at once, so it must not change shared state.</param>
    /// <param name="degree">The number of worker threads.</param>
    /// <returns>The records, to be read once and disposed (which stops the workers).</returns>
    public IRecordReader<T> ReadParallel<T>(SpanParser<T> parse, int degree)
    {
        if (ordered is not null || parallel)
        {
            throw new InvalidOperationException("Records have been read already.");
        }

        var ahead = new ConcurrentDictionary<long, CsvMalformedReason>();
        malformedAhead = ahead;
        parallel = true;

        // The reader scans a batch (reporting its malformed records) before a worker reads it, so a record's report is in the dictionary by then.
        var records = reader.ParallelEnumerate(r => Classify(r, Volatile.Read(ref malformedAheadCount) > 0 && ahead.TryRemove(r.RowNumber + 1, out var reason) ? reason : null, parse), degree);
        return new RecordOrder<T>(this, records.GetEnumerator());
    }

    /// <summary>Gets the current record's field in column <paramref name="column"/> (an index into the file's columns) as UTF-8, unquoted.</summary>
    /// <param name="column">The file column.</param>
    /// <returns>The bytes, empty when the record has no such column; valid until the next read.</returns>
    public ReadOnlySpan<byte> Span(int column) => column < reader.FieldCount ? reader.GetSpan(column) : default;

    /// <summary>Gets the file column of each schema field, −1 when the header lacks it.</summary>
    public int[] ColumnsByField() => (int[])Map.ColumnOfField.Clone();

    /// <summary>The current record as the string values <see cref="AccountRowParser"/> reads.</summary>
    /// <param name="line">The record's line number.</param>
    /// <param name="problem">Why the whole row is rejected, if it is.</param>
    /// <returns>The row.</returns>
    public InputRow Materialize(long line, Rejection? problem) => IsLive ? Current(reader, line, problem) : currentHeld;

    /// <summary>Gets the current live record's value in file column <paramref name="column"/>, <see langword="null"/> when empty.</summary>
    public string? Value(int column) => Value(reader, column);

    public void Dispose() => reader.Dispose();

    /// <summary>Finds the separator <c>--delimiter</c> names: the character itself, or tab, comma, semicolon, pipe by name.</summary>
    /// <exception cref="CliException">It names none of them.</exception>
    public static char? ParseDelimiter(string? text) => text switch
    {
        null => null,
        "," or "comma" => ',',
        ";" or "semicolon" => ';',
        "|" or "pipe" => '|',
        "\t" or "\\t" or "tab" or "TAB" => '\t',
        _ => throw new CliException($"--delimiter: '{text}' is not a separator (use , ; | or tab)"),
    };

    private static Encoding? Encoding(InputSettings settings)
    {
        if (settings.Encoding is null)
        {
            return null;
        }

        try
        {
            return TextEncodings.Resolve(settings.Encoding);
        }
        catch (InputException ex)
        {
            throw new CliException($"--encoding: {ex.Message}", ex);
        }
    }

    private static string? Value(CsvReader reader, int column)
    {
        if (column >= reader.FieldCount || reader.IsEmpty(column))
        {
            return null;
        }

        string value = reader.GetString(column);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private InputRow Current(CsvReader reader, long line, Rejection? problem)
    {
        var values = new string?[schemaCount];
        foreach (var (column, field) in mapped)
        {
            values[field] = Value(reader, column);
        }

        string?[] kept = Map.KeepColumns.Length == 0 ? [] : [.. Map.KeepColumns.Select(c => Value(reader, c))];
        return new InputRow(line, values, problem) { Kept = kept };
    }

    /// <summary>The records one at a time, as the reader reads them (a data record is left to the reader, which stands on it).</summary>
    private IEnumerable<SourceRecord<byte>> Sequential()
    {
        while (Next())
        {
            CsvMalformedReason? reason = malformed is { } m && m.RecordNumber == reader.RowNumber + 1 ? m.Reason : null;
            malformed = null;
            yield return Classify<byte>(reader, reason, null);
        }
    }

    /// <summary>
    /// Checks a record (valid UTF-8, well formed, as many fields as the header) and says what it is. A data record is
    /// read by <paramref name="parse"/> or made into strings; with no parser it is left to the reader (read one at a time).
    /// </summary>
    private SourceRecord<T> Classify<T>(CsvReader reader, CsvMalformedReason? malformedReason, SpanParser<T>? parse)
    {
        long line = reader.LineNumber;
        if (checkUtf8 && !Utf8.IsValid(reader.RawRecord))
        {
            throw NotUtf8(line, System.Text.Encoding.UTF8.GetString(reader.RawRecord));
        }

        Rejection? problem = null;
        if (malformedReason is { } reason)
        {
            problem = new Rejection(line, null, Rejection.WholeRow, null, Describe(reason));
        }
        else if (reader.FieldCount != headerCount)
        {
            problem = new Rejection(line, null, Rejection.WholeRow, null, $"the row has {reader.FieldCount} fields but the header has {headerCount}");
        }

        var record = new SourceRecord<T> { Line = line, Offset = reader.ByteOffset };

        // A row the span parser takes has an id and an ARR, so it is data: its non-empty fields need not be counted.
        if (parse is not null && problem is null && parse(new CsvFields(reader), out record.Value))
        {
            record.Kind = RecordKind.Data;
            record.Taken = true;
            return record;
        }

        int filled = NonEmptyFields(reader);
        if (filled == 0)
        {
            record.Kind = RecordKind.Blank;
            return record;
        }

        if (filled == 1)
        {
            record.Kind = RecordKind.Lone;
            Keep(ref record, new RecordText(problem, Current(reader, line, problem), OnlyField(reader)));
            return record;
        }

        record.Kind = RecordKind.Data;
        if (parse is not null)
        {
            Keep(ref record, new RecordText(problem, Current(reader, line, problem), null));
        }
        else if (problem is not null)
        {
            // Read one at a time: the reader stands on the record, which is made into strings on demand.
            Keep(ref record, new RecordText(problem, default, null));
        }

        return record;
    }

    /// <summary>Keeps a record's strings aside, by its line (no two records start on one line); several workers may keep at once.</summary>
    private void Keep<T>(ref SourceRecord<T> record, RecordText text)
    {
        texts[record.Line] = text;
        record.HasText = true;
    }

    /// <summary>Takes back what <see cref="Keep"/> kept for the record on <paramref name="line"/>.</summary>
    private RecordText Text(long line) => texts.TryRemove(line, out var text) ? text : throw new InvalidOperationException($"Nothing was kept for line {line}.");

    /// <summary>
    /// Applies the rules that depend on a record's neighbours, in file order: blank rows are skipped and counted; rows
    /// with one non-empty field are held back until a data row follows (then they are data, released before it) or the
    /// input ends (then they are the footer), and past <see cref="MaxHeldRows"/> held rows they are data.
    /// </summary>
    /// <remarks>Each record is written straight into the caller's slot: on the parallel path a record is a few hundred bytes, copied as few times as it can be.</remarks>
    private sealed class RecordOrder<T>(CsvAccountSource source, IEnumerator<SourceRecord<T>> records) : IRecordReader<T>
    {
        private readonly Queue<SourceRecord<T>> held = new();
        private SourceRecord<T> after;
        private bool releasing;
        private bool ended;

        /// <summary>Gets a value indicating whether the last record was held back and released behind a data row (the reader has moved past it).</summary>
        public bool Released { get; private set; }

        public bool Next(ref SourceRecord<T> record)
        {
            if (releasing)
            {
                if (held.TryDequeue(out record))
                {
                    return true;
                }

                // The data row the released rows were held back for.
                releasing = false;
                Released = false;
                record = after;
                after = default;
                return true;
            }

            while (!ended)
            {
                bool more;
                try
                {
                    more = records.MoveNext();
                }
                catch (CsvFormatException ex)
                {
                    throw source.Unreadable(ex);
                }

                if (!more)
                {
                    ended = true;
                    break;
                }

                record = records.Current;
                if (source.parallel)
                {
                    Volatile.Write(ref source.parallelOffset, record.Offset);
                }

                if (record.Kind == RecordKind.Blank)
                {
                    source.BlankRows++;
                    continue;
                }

                if (record.Kind == RecordKind.Lone && held.Count < MaxHeldRows)
                {
                    held.Enqueue(record);
                    continue;
                }

                if (held.Count > 0)
                {
                    after = record;
                    releasing = true;
                    Released = true;
                    record = held.Dequeue();
                    return true;
                }

                Released = false;
                return true;
            }

            while (held.TryDequeue(out var lone))
            {
                source.footer.Add(source.Text(lone.Line).Only!);
            }

            return false;
        }

        public InputRow Row(in SourceRecord<T> record) => source.Text(record.Line).Row;

        public void Dispose()
        {
            records.Dispose();
            source.parallel = false;
            source.malformedAhead = null;
        }
    }

    /// <summary>The one non-empty field of the current record, for the footer warning.</summary>
    private static string OnlyField(CsvReader reader)
    {
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.GetSpan(i).Trim(" \t\r\n"u8).IsEmpty)
            {
                return reader.GetString(i).Trim();
            }
        }

        return string.Empty;
    }

    /// <summary>Counts the non-empty fields of the current record, up to two (a data row nearly always has two in its first fields).</summary>
    private static int NonEmptyFields(CsvReader reader)
    {
        int filled = 0;
        for (int i = 0; i < reader.FieldCount && filled < 2; i++)
        {
            if (!reader.GetSpan(i).Trim(" \t\r\n"u8).IsEmpty)
            {
                filled++;
            }
        }

        return filled;
    }

    private CliException NotUtf8(long line, string text)
    {
        string shown = text.Length > 60 ? text[..60] + "…" : text;
        return new CliException($"{name}, line {line}: the text is not valid UTF-8 ('{shown.ReplaceLineEndings(" ")}'); it was probably saved in a legacy encoding: pass --encoding windows-1252 (or the code page it was saved in)");
    }

    private static CsvAccountSource Create(Func<CsvReaderOptions, CsvReader> open, string name, InputSchema schema, InputSettings settings, long? totalBytes, bool checkUtf8, bool requireIdAndArr)
    {
        CsvAccountSource? source = null;
        char? separator = ParseDelimiter(settings.Delimiter);
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = false,
            DetectSeparatorHint = separator is null,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = m => source?.Malformed(m.RecordNumber, m.Reason),
        };

        var reader = open(options);
        try
        {
            source = new CsvAccountSource(reader, name, schema, settings, totalBytes, checkUtf8, requireIdAndArr);
            return source;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Notes a malformed record the reader reports: for the record being read, or (reading in parallel) for a record a worker reads later.</summary>
    private void Malformed(long recordNumber, CsvMalformedReason reason)
    {
        if (malformedAhead is { } ahead)
        {
            if (ahead.TryAdd(recordNumber, reason))
            {
                Interlocked.Increment(ref malformedAheadCount);
            }
        }
        else
        {
            malformed ??= (recordNumber, reason);
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
            throw Unreadable(ex);
        }
    }

    private CliException Unreadable(CsvFormatException ex)
    {
        string where = ex.LineNumber > 0 ? $", line {ex.LineNumber}" : string.Empty;
        return new CliException($"{name}{where}: cannot read the CSV: {ex.Message}", ex);
    }

    internal static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "malformed quoting: a '\"' inside an unquoted field (quote the whole field and double the quotes inside it)",
        CsvMalformedReason.TextAfterClosingQuote => "malformed quoting: text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "malformed quoting: a quoted field is never closed, so the rest of the file was read into this row",
        _ => $"malformed CSV ({reason})",
    };

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
