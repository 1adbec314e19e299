using System.Collections.Concurrent;
using System.Text;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads accounts from a JSON array of objects. A second thread parses the file a page at a time
/// (<see cref="JsonRecordReader"/>, one <see cref="System.Text.Json.Utf8JsonReader"/> pass per page) while this one
/// hands the records on: the columnar reader takes each value as UTF-8 where it lies in the page (<see cref="Span"/>),
/// and only a row it cannot take is made into strings (<see cref="Materialize"/>). Memory holds at most
/// <see cref="Pages"/> pages, so a large file streams as CSV does.
/// </summary>
/// <remarks>
/// Rows, warnings and errors come in the file's order, as from one thread: a warning when its row is reached, and an
/// error (invalid JSON, an element over <see cref="MaxElementBytes"/>) after the rows before it.
/// </remarks>
internal sealed class JsonAccountSource : ISpanRecordSource
{
    /// <summary>The most bytes one element of the array may take: far more than any account needs.</summary>
    public const int MaxElementBytes = JsonRecordReader.MaxElementBytes;

    /// <summary>The pages in memory at once: one being read here, one being parsed, one ready.</summary>
    private const int Pages = 3;

    private readonly Stream stream;
    private readonly Action<string> warn;
    private readonly JsonRecordReader parser;
    private readonly int fields;
    private readonly int[] identity;
    private readonly BlockingCollection<JsonRecordPage> free = new(Pages);
    private readonly BlockingCollection<JsonRecordPage> full = new(Pages);
    private readonly CancellationTokenSource stop = new();
    private Thread? parsing;
    private JsonRecordPage? page;
    private int index;
    private int row;
    private int warned;
    private IReadOnlySet<int>? maskOf;
    private ulong allowedMask;

    public JsonAccountSource(Stream stream, string name, InputSchema schema, long? totalBytes, Action<string> warn)
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

        parser = new JsonRecordReader(stream, name, schema);
    }

    public IReadOnlyList<string> FieldNames { get; }

    public long? TotalBytes { get; }

    public long BytesRead => page is { } p && index >= 0 && index < p.Count ? p.End[index] : 0;

    /// <summary>Gets whether the current record holds only fields in <paramref name="allowed"/> (by schema index), and nothing the columnar reader would have to decode.</summary>
    public bool CurrentRecordOnly(IReadOnlySet<int> allowed)
    {
        var p = page!;
        if (!p.Plain[index])
        {
            return false;
        }

        if (!ReferenceEquals(allowed, maskOf))
        {
            allowedMask = 0;
            for (int f = 0; f < Math.Min(fields, 63); f++)
            {
                allowedMask |= allowed.Contains(f) ? 1UL << f : 0;
            }

            maskOf = allowed;
        }

        ulong present = p.Present[index];
        if ((present & ~allowedMask & ~(1UL << 63)) != 0)
        {
            return false;
        }

        if ((present & (1UL << 63)) != 0)
        {
            // Fields from the 64th on share one bit: look at each.
            for (int f = 63; f < fields; f++)
            {
                if (p.Kind[row + f] != JsonRecordPage.Absent && !allowed.Contains(f))
                {
                    return false;
                }
            }
        }

        return true;
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
                at = p.Line[index];
                problem = p.Problem[index];
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

                free.Add(p);
                page = null;
            }

            Start();
            page = full.Take();
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
        stop.Cancel();
        parsing?.Join();
        stream.Dispose();
        stop.Dispose();
        free.Dispose();
        full.Dispose();
    }

    /// <summary>Starts the parsing thread on the first read.</summary>
    private void Start()
    {
        if (parsing is not null)
        {
            return;
        }

        for (int i = 0; i < Pages; i++)
        {
            free.Add(new JsonRecordPage(fields));
        }

        parsing = new Thread(Parse) { IsBackground = true, Name = "JSON book parser" };
        parsing.Start();
    }

    /// <summary>The parsing thread: fills free pages in turn until the book ends or fails, or the reading stops.</summary>
    private void Parse()
    {
        try
        {
            while (true)
            {
                var next = free.Take(stop.Token);
                parser.Fill(next);
                full.Add(next, stop.Token);
                if (next.Last || next.Failure is not null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end of the book.
        }
    }

    /// <summary>Gives the page's warnings up to record <paramref name="upTo"/>, each once, in order.</summary>
    private void Warn(JsonRecordPage p, int upTo)
    {
        var warnings = p.Warnings;
        while (warned < warnings.Count && warnings[warned].Record <= upTo)
        {
            warn(warnings[warned++].Message);
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
}
