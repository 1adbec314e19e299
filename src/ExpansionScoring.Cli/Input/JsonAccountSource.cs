using System.Text;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads accounts from a JSON array of objects. Other threads parse the file into pages (<see cref="JsonRecordReader"/>)
/// while this one hands the records on: the columnar reader takes each value as UTF-8 where it lies in the page
/// (<see cref="Span"/>), and only a row it cannot take is made into strings (<see cref="Materialize"/>). A file of
/// several blocks is parsed a block on each core (<see cref="ParallelJsonPages"/>); a small file, a stream, or a
/// file with a syntax error in its first 64 KiB on one thread, a page at a time (<see cref="SequentialJsonPages"/>).
/// Memory holds a few pages, so a large file streams as CSV does.
/// </summary>
/// <remarks>
/// Rows, warnings and errors come in the file's order, as from one thread: a warning when its row is reached (once,
/// however many blocks warn of it), and an error (invalid JSON, an element over <see cref="MaxElementBytes"/>) after
/// the rows before it.
/// </remarks>
internal sealed class JsonAccountSource : ISpanRecordSource
{
    /// <summary>The most bytes one element of the array may take: far more than any account needs.</summary>
    public const int MaxElementBytes = JsonRecordReader.MaxElementBytes;

    /// <summary>The bytes of a block parsed on one core: large enough that a block's hand-over costs nothing, small enough that a few in memory are little.</summary>
    public const int DefaultBlockBytes = 1 << 20;

    /// <summary>The most threads that parse blocks: more would only hold more pages, as this thread takes the rows.</summary>
    private const int MaxWorkers = 8;

    private readonly Stream stream;
    private readonly Action<string> warn;
    private readonly IJsonPages pages;
    private readonly int fields;
    private readonly int[] identity;
    private readonly HashSet<string> warnedOf = new(StringComparer.OrdinalIgnoreCase);
    private JsonRecordPage? page;
    private int index;
    private int row;
    private int warned;

    /// <summary>Opens a JSON book.</summary>
    /// <param name="stream">The file (or any stream; a file of at least two blocks is parsed on several threads).</param>
    /// <param name="name">The input's name, for messages.</param>
    /// <param name="schema">The fields.</param>
    /// <param name="totalBytes">The input's size, when known, for progress.</param>
    /// <param name="warn">Takes the warnings.</param>
    /// <param name="blockBytes">The bytes of a block parsed on one core (tests make them tiny, so that blocks end everywhere).</param>
    /// <param name="workers">The threads that parse blocks; 0 for one per core.</param>
    /// <param name="scan">Whether plain objects are read by the scanner (<see cref="JsonRecordReader.Scans"/>); tests compare with the reader alone.</param>
    public JsonAccountSource(Stream stream, string name, InputSchema schema, long? totalBytes, Action<string> warn, int blockBytes = DefaultBlockBytes, int workers = 0, bool scan = true)
    {
        this.stream = stream;
        this.warn = warn;
        TotalBytes = totalBytes;
        FieldNames = schema.CamelNames;
        fields = schema.Count;
        identity = [.. Enumerable.Range(0, schema.Count)];
        if (stream.CanSeek)
        {
            Preflight(stream, name);
        }

        pages = stream is FileStream { CanSeek: true } file && file.Length >= 2L * blockBytes && !HeadHasSyntaxError(file)
            ? new ParallelJsonPages(file.SafeFileHandle, file.Length, blockBytes, workers > 0 ? workers : Math.Min(Environment.ProcessorCount, MaxWorkers), fields, () => new JsonRecordReader(name, schema) { Scans = scan })
            : new SequentialJsonPages(new JsonRecordReader(stream, name, schema) { Scans = scan }, fields);
    }

    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>Gets whether the file is parsed in blocks on several threads.</summary>
    internal bool ReadsInBlocks => pages is ParallelJsonPages;

    public long? TotalBytes { get; }

    public long BytesRead => page is { } p && index >= 0 && index < p.Count ? p.End[index] : 0;

    /// <summary>Gets whether the current record holds only fields in <paramref name="allowed"/> (by schema index), and nothing the columnar reader would have to decode.</summary>
    public bool CurrentRecordOnly(IReadOnlySet<int> allowed) => page!.Only(index, allowed);

    /// <summary>
    /// Reads the records in file order, each read by <paramref name="parse"/> on the thread that parsed its block when
    /// it has no problem and only fields in <paramref name="allowed"/> (<see cref="SourceRecord{T}.Taken"/>), and
    /// otherwise made into the strings the full parser reads (<see cref="IRecordReader{T}.Row"/>). Only for a file read
    /// in blocks (<see cref="ReadsInBlocks"/>), before any record is read.
    /// </summary>
    /// <typeparam name="T">What <paramref name="parse"/> makes of a record.</typeparam>
    /// <param name="parse">Reads a record's fields; called on several threads at once, so it must not change shared state.</param>
    /// <param name="allowed">The schema fields <paramref name="parse"/> understands.</param>
    /// <returns>The records, to be read once.</returns>
    public IRecordReader<T> ReadParallel<T>(JsonSpanParser<T> parse, IReadOnlySet<int> allowed)
    {
        ((ParallelJsonPages)pages).AfterFill = p => ParsedRows<T>.Parse(p, parse, allowed);
        return new ParallelRecords<T>(this);
    }

    public IEnumerable<InputRow> ReadRows()
    {
        while (NextRecord(out long at, out var problem))
        {
            yield return Materialize(at, problem);
        }
    }

    /// <summary>Advances to the next element of the array; its values are then read with <see cref="Span"/>.</summary>
    /// <exception cref="CliException">The file is not valid JSON, ends inside the array, or an element is beyond <see cref="MaxElementBytes"/>.</exception>
    public bool NextRecord(out long at, out Rejection? problem)
    {
        while (true)
        {
            var p = page;
            if (p is not null && index + 1 < p.Count)
            {
                index++;
                row += fields;
                Warn(p, index);
                at = p.Line[index] + p.LineBase;
                problem = p.Problem[index];
                if (problem is not null && p.LineBase != 0)
                {
                    problem = problem with { Line = problem.Line + p.LineBase };
                }

                return true;
            }

            if (p is not null)
            {
                Warn(p, int.MaxValue);
                p.Failure?.Throw();
                if (p.Last)
                {
                    index = p.Count;
                    at = 0;
                    problem = null;
                    return false;
                }

                pages.Return(p);
                page = null;
            }

            page = pages.Take();
            index = -1;
            row = -fields;
            warned = 0;
        }
    }

    /// <summary>Gets the current record's value of schema field <paramref name="column"/> as UTF-8 (strings unescaped, numbers as written); empty when absent or null.</summary>
    public ReadOnlySpan<byte> Span(int column) => page!.Span(row + column);

    /// <summary>Gets the column of each schema field: for JSON, the field itself.</summary>
    public int[] ColumnsByField() => identity;

    /// <summary>The current record as the string values <see cref="AccountRowParser"/> reads.</summary>
    public InputRow Materialize(long at, Rejection? problem)
    {
        var strings = new string?[fields];
        for (int f = 0; f < strings.Length; f++)
        {
            var value = page!.Span(this.row + f);
            if (!value.IsEmpty)
            {
                string s = Encoding.UTF8.GetString(value);
                strings[f] = string.IsNullOrWhiteSpace(s) ? null : s;
            }
        }

        return new InputRow(at, strings, problem);
    }

    public void Dispose()
    {
        pages.Dispose();
        stream.Dispose();
    }

    /// <summary>Whether the file's first 64 KiB hold a syntax error: then it is read on one thread, which reports the error before any row.</summary>
    private static bool HeadHasSyntaxError(FileStream file)
    {
        var head = new byte[(int)Math.Min(file.Length, JsonRecordReader.FirstRead)];
        int n = RandomAccess.Read(file.SafeFileHandle, head, 0);
        return JsonRecordReader.HasSyntaxError(head.AsSpan(0, n), isFinalBlock: n == file.Length);
    }

    /// <summary>Gives the page's warnings up to record <paramref name="upTo"/>, each once in the file, in order.</summary>
    private void Warn(JsonRecordPage p, int upTo)
    {
        var warnings = p.Warnings;
        while (warned < warnings.Count && warnings[warned].Record <= upTo)
        {
            var (_, key, message) = warnings[warned++];
            if (warnedOf.Add(key))
            {
                warn(message);
            }
        }
    }

    /// <summary>Fails early, before any output is written, when the file is empty or is not a JSON array.</summary>
    private static void Preflight(Stream stream, string name)
    {
        Span<byte> head = stackalloc byte[4096];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var bytes = head[..n];
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        int first = bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8);
        if (first < 0 && n < head.Length)
        {
            throw new CliException($"{name}: the file is empty (expected a JSON array of account objects)");
        }

        if (first >= 0 && bytes[first] is not ((byte)'[' or (byte)'/'))
        {
            throw new CliException(bytes[first] == (byte)'{'
                ? $"{name}: not a JSON array of account objects (it is a single object; wrap the accounts in [ ])"
                : $"{name}: not a JSON file (expected a JSON array of account objects)");
        }
    }

    /// <summary>What a span parser made of a page's records: each record's value, and whether it took the record.</summary>
    private sealed class ParsedRows<T>
    {
        public T[] Values { get; private set; } = [];

        public bool[] Taken { get; private set; } = [];

        public static void Parse(JsonRecordPage page, JsonSpanParser<T> parse, IReadOnlySet<int> allowed)
        {
            var rows = page.Rows as ParsedRows<T> ?? new ParsedRows<T>();
            page.Rows = rows;
            if (rows.Values.Length < page.Count)
            {
                rows.Values = new T[page.Count + (page.Count / 4)];
                rows.Taken = new bool[rows.Values.Length];
            }

            for (int i = 0; i < page.Count; i++)
            {
                rows.Taken[i] = page.Problem[i] is null && page.Only(i, allowed) && parse(new JsonFields(page, i), out rows.Values[i]);
            }
        }
    }

    /// <summary>The records in file order, as <see cref="ReadParallel{T}"/> gives them; a record not taken is made into strings as it is read.</summary>
    private sealed class ParallelRecords<T>(JsonAccountSource source) : IRecordReader<T>
    {
        private readonly Queue<InputRow> rows = new();

        public bool Next(ref SourceRecord<T> record)
        {
            if (!source.NextRecord(out long line, out var problem))
            {
                return false;
            }

            var parsed = (ParsedRows<T>)source.page!.Rows!;
            record.Kind = RecordKind.Data;
            record.Line = line;
            record.Offset = source.BytesRead;
            record.Taken = parsed.Taken[source.index];
            record.HasText = !record.Taken;
            if (record.Taken)
            {
                record.Value = parsed.Values[source.index];
            }
            else
            {
                rows.Enqueue(source.Materialize(line, problem));
            }

            return true;
        }

        /// <summary>The rows not taken as spans wait in file order, as the records are taken.</summary>
        public InputRow Row(in SourceRecord<T> record) => rows.Dequeue();

        public void Dispose()
        {
        }
    }
}
