using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Parses a JSON book into pages (<see cref="JsonRecordPage"/>): values are recorded where they are in the page's
/// bytes, and only an escaped string or a list of trigger events is written anew. Each record's line is the line of
/// its opening brace. Either the whole file from a stream, a page at a time (<see cref="Fill"/>), or one block of a
/// file, whose blocks are parsed on several threads at once (<see cref="FillBlock"/>).
/// </summary>
/// <remarks>
/// <para>
/// An object in the plain form of an export (names without escapes, strings without escapes, numbers, true, false,
/// null, single spaces or line breaks between them) is read by a scanner of its own; anything else — an escape, a
/// comment, a list, a nested object, a name given twice, a trailing comma, a syntax error — makes the scanner give
/// the element to one <see cref="Utf8JsonReader"/>, which reads it exactly as it reads every element, so the records,
/// rejections and messages are the reader's.
/// </para>
/// <para>
/// An element is limited to <see cref="MaxElementBytes"/> bytes; a larger one stops the run, naming the limit and its
/// line. A string that is not text (an escaped lone surrogate such as <c>\ud800</c>, or bytes that are not UTF-8)
/// rejects its row, naming the field. A syntax error within the file's first 64 KiB stops the run before any row.
/// </para>
/// </remarks>
internal sealed class JsonRecordReader
{
    /// <summary>The most bytes one element of the array may take: far more than any account needs.</summary>
    public const int MaxElementBytes = 1 << 20;

    /// <summary>The first read, small so that the first rows come quickly and a broken file fails before any row.</summary>
    public const int FirstRead = 64 * 1024;

    /// <summary>How far before a block's nominal start its bytes are read, to see what comes before a likely element start.</summary>
    private const int LookBehind = 256;

    /// <summary>How many bytes past a block's end are read at first: the element it ends in, usually whole.</summary>
    private const int Overhang = 64 * 1024;

    // Comments are allowed and stepped over here (Next), not by the reader: its skipping mode takes a slower path for
    // every token, comment or not.
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Allow, AllowTrailingCommas = true };

    /// <summary>The reader's state inside the array before an element, as after its <c>[</c>: where a block starts.</summary>
    private static readonly JsonReaderState InArray = StateAfter("["u8);

    /// <summary>The reader's state after an object of the array: where the scanner leaves the reader.</summary>
    private static readonly JsonReaderState AfterObject = StateAfter("[{}"u8);

    private readonly Stream? stream;
    private readonly string name;
    private readonly InputSchema schema;
    private readonly HashSet<string> warnedUnknown = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Key, string Message)> pendingWarnings = [];
    private readonly List<Name> scannedUnknown = [];
    private Name[] names = [];
    private NameKey[] keys = [];
    private int nameCount;
    private int lastName = -1;
    private int epoch;

    private JsonRecordPage page = null!;
    private byte[] carry = new byte[4096];
    private int carried;
    private int filled;
    private int position;
    private bool final;
    private bool started;
    private bool finished;
    private bool readOnce;
    private bool failFirst;
    private JsonReaderState state = new(ReaderOptions);
    private Expect expect;
    private long stopAt = long.MaxValue;
    private long line = 1;
    private long discarded;

    /// <summary>Reads the whole file from <paramref name="stream"/>, a page at a time (<see cref="Fill"/>).</summary>
    public JsonRecordReader(Stream stream, string name, InputSchema schema)
        : this(name, schema)
    {
        this.stream = stream;
    }

    /// <summary>Reads blocks of a file (<see cref="FillBlock"/>).</summary>
    public JsonRecordReader(string name, InputSchema schema)
    {
        this.name = name;
        this.schema = schema;
    }

    /// <summary>Gets a value indicating whether plain objects are read by the scanner; without it, every element by the reader (for tests, which compare the two).</summary>
    public bool Scans { get; init; } = true;

    private enum Outcome
    {
        Incomplete,
        Element,
        Structure,
        Stop,
    }

    private enum Progress
    {
        /// <summary>The next element does not end within the bytes given.</summary>
        More,

        /// <summary>The array and the file have ended.</summary>
        Ended,

        /// <summary>The next element starts at or past the block's end.</summary>
        Stopped,
    }

    /// <summary>What the scanner may read next: nothing (the reader reads on), an element, or a comma and an element.</summary>
    private enum Expect
    {
        None,
        First,
        Next,
    }

    /// <summary>Fills <paramref name="target"/> with the next records; its <see cref="JsonRecordPage.Last"/> or <see cref="JsonRecordPage.Failure"/> says when the book ends.</summary>
    public void Fill(JsonRecordPage target)
    {
        page = target;
        page.Reset();
        try
        {
            FillCore();
        }
        catch (Exception ex)
        {
            if (failFirst)
            {
                page.DropRecords(); // A syntax error in the first buffer is reported before any row of it.
            }

            Flush(page.Count);
            page.Failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <summary>
    /// Fills <paramref name="target"/> with the elements of one block of <paramref name="file"/>: from the file's start
    /// (<paramref name="from"/> 0), from the element that starts at <paramref name="from"/>, or (<paramref name="search"/>)
    /// from the first place at or after <paramref name="from"/> that looks like an element's start, up to the first
    /// element that starts at or after <paramref name="end"/>, whose place and line it leaves in
    /// <see cref="JsonRecordPage.StopAt"/> and <see cref="JsonRecordPage.StopLine"/>.
    /// </summary>
    /// <remarks>
    /// A block is read as the whole file would be read there: the element limit counts from the end of the element
    /// before, unknown fields are warned of once in the block (<see cref="JsonRecordPage.Warnings"/>, for the reader to
    /// give once in the file), and lines count from <paramref name="firstLine"/>. A block that started from a guess is
    /// right only if the block before it stops where it started.
    /// </remarks>
    public void FillBlock(JsonRecordPage target, SafeFileHandle file, long length, long from, bool search, long end, long firstLine)
    {
        page = target;
        page.Reset();
        pendingWarnings.Clear();
        warnedUnknown.Clear();
        epoch++;
        line = firstLine;
        stopAt = end;
        try
        {
            FillBlockCore(file, length, from, search);
        }
        catch (Exception ex)
        {
            Flush(page.Count);
            page.Failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <summary>Whether the first bytes of a file (<see cref="FirstRead"/> of them, or all) hold a syntax error: then it is read whole on one thread, which reports it before any row.</summary>
    public static bool HasSyntaxError(ReadOnlySpan<byte> head, bool isFinalBlock)
    {
        if (head.StartsWith(Encoding.UTF8.Preamble))
        {
            head = head[Encoding.UTF8.Preamble.Length..];
        }

        var probe = new Utf8JsonReader(head, isFinalBlock, new JsonReaderState(ReaderOptions));
        try
        {
            while (probe.Read())
            {
            }

            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static JsonReaderState StateAfter(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(ReaderOptions));
        while (reader.Read())
        {
        }

        return reader.CurrentState;
    }

    private void FillCore()
    {
        if (page.Bytes.Length < carried * 2)
        {
            page.Bytes = new byte[carried * 2];
        }

        carry.AsSpan(0, carried).CopyTo(page.Bytes);
        filled = carried;
        position = 0;
        carried = 0;
        while (true)
        {
            if (!final && filled < page.Bytes.Length)
            {
                Read();
            }

            if (ParseAvailable(int.MaxValue) == Progress.Ended)
            {
                page.Last = true;
                return;
            }

            if (final)
            {
                throw new CliException($"{name}: not valid JSON: the file ends inside the array");
            }

            int left = filled - position;
            if (page.Count > 0)
            {
                // The rest of the page's bytes start the next page.
                if (carry.Length < left)
                {
                    carry = new byte[Math.Max(carry.Length * 2, left)];
                }

                page.Bytes.AsSpan(position, left).CopyTo(carry);
                carried = left;
                discarded += position;
                return;
            }

            if (left >= MaxElementBytes)
            {
                throw TooLarge(page.Bytes.AsSpan(position, left));
            }

            // Slide what is left to the front, grow when one element fills the buffer, then read more.
            if (position > 0)
            {
                page.Bytes.AsSpan(position, left).CopyTo(page.Bytes);
                discarded += position;
                position = 0;
                filled = left;
            }

            if (filled == page.Bytes.Length)
            {
                var grown = new byte[page.Bytes.Length * 2];
                page.Bytes.AsSpan(0, filled).CopyTo(grown);
                page.Bytes = grown;
            }
        }
    }

    private void FillBlockCore(SafeFileHandle file, long length, long from, bool search)
    {
        long readFrom = search ? Math.Max(0, from - LookBehind) : from;
        long blockEnd = Math.Min(stopAt, length);
        int want = (int)Math.Min(length - readFrom, Math.Max(0, blockEnd - readFrom) + Math.Min(Overhang, Math.Max(1024, blockEnd - from)));
        if (page.Bytes.Length < want)
        {
            page.Bytes = new byte[want];
        }

        discarded = readFrom;
        filled = ReadAt(file, readFrom, page.Bytes.AsSpan(0, want));
        final = readFrom + filled >= length;
        finished = false;
        if (from == 0 && !search)
        {
            // The file's start: its byte order mark, the array's '[' and anything before it, as when read whole.
            position = page.Bytes.AsSpan(0, filled).StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            started = false;
            state = new JsonReaderState(ReaderOptions);
            expect = Expect.None;
        }
        else
        {
            position = search ? LikelyStart(page.Bytes.AsSpan(0, filled), (int)(from - readFrom), (int)Math.Min(filled, blockEnd - readFrom)) : (int)(from - readFrom);
            if (position < 0)
            {
                page.BlockStart = -1;
                return;
            }

            started = true;
            state = InArray;
            expect = Expect.First;
        }

        page.BlockStart = from == 0 && !search ? 0 : readFrom + position;
        while (true)
        {
            var progress = ParseAvailable(MaxElementBytes);
            if (progress == Progress.Ended)
            {
                page.Last = true;
                return;
            }

            if (progress == Progress.Stopped)
            {
                return;
            }

            // The next element does not end within the bytes read, or within the limit.
            if (filled - position >= MaxElementBytes)
            {
                throw TooLarge(page.Bytes.AsSpan(position, MaxElementBytes));
            }

            if (final)
            {
                throw new CliException($"{name}: not valid JSON: the file ends inside the array");
            }

            int more = (int)Math.Min(length - (discarded + filled), Math.Max(Overhang, MaxElementBytes - (filled - position)));
            if (page.Bytes.Length < filled + more)
            {
                var grown = new byte[Math.Max(page.Bytes.Length + (page.Bytes.Length / 2), filled + more)];
                page.Bytes.AsSpan(0, filled).CopyTo(grown);
                page.Bytes = grown;
            }

            filled += ReadAt(file, discarded + filled, page.Bytes.AsSpan(filled, more));
            final = discarded + filled >= length;
        }
    }

    private static int ReadAt(SafeFileHandle file, long offset, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>
    /// The first place at or after <paramref name="from"/> that looks like the start of an element after another: a
    /// <c>{</c> after a comma after a <c>}</c>, with only white space between, and a line break in it when there is
    /// such a place before <paramref name="limit"/> (a line break is never inside a string, so a book of one element
    /// a line is never misled by its strings); −1 when there is none. It may still be inside a comment, or a string of
    /// a book on one line: the block before tells (<see cref="JsonRecordPage.StopAt"/>).
    /// </summary>
    private static int LikelyStart(ReadOnlySpan<byte> bytes, int from, int limit)
    {
        int onNewLine = Find(bytes[..Math.Min(bytes.Length, limit)], from, lineBreak: true);
        return onNewLine >= 0 ? onNewLine : Find(bytes, from, lineBreak: false);

        static int Find(ReadOnlySpan<byte> bytes, int from, bool lineBreak)
        {
            for (int i = from; i < bytes.Length; i++)
            {
                int found = bytes[i..].IndexOf((byte)'{');
                if (found < 0)
                {
                    return -1;
                }

                i += found;
                bool broken = false;
                int j = SkipSpaceBack(bytes, i - 1, ref broken);
                if (j < 0 || bytes[j] != ',')
                {
                    continue;
                }

                j = SkipSpaceBack(bytes, j - 1, ref broken);
                if (j >= 0 && bytes[j] == '}' && (broken || !lineBreak))
                {
                    return i;
                }
            }

            return -1;
        }

        static int SkipSpaceBack(ReadOnlySpan<byte> bytes, int j, ref bool broken)
        {
            while (j >= 0 && bytes[j] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                broken |= bytes[j] == '\n';
                j--;
            }

            return j;
        }
    }

    private CliException TooLarge(ReadOnlySpan<byte> rest)
    {
        long where = line + CountLines(rest[..Math.Max(0, rest.IndexOfAnyExcept(" \t\r\n,"u8))]);
        return new CliException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{name}, line {where}: an element of the array is larger than {MaxElementBytes:N0} bytes (1 MiB), the most one account may take; is the file a book of accounts?"));
    }

    private void Read()
    {
        int limit = readOnce ? page.Bytes.Length : Math.Min(FirstRead, page.Bytes.Length);
        int wanted = limit - filled;
        int n = stream!.ReadAtLeast(page.Bytes.AsSpan(filled, wanted), wanted, throwOnEndOfStream: false);
        filled += n;
        final = n < wanted;
        if (!readOnce)
        {
            readOnce = true;
            if (page.Bytes.AsSpan(0, filled).StartsWith(Encoding.UTF8.Preamble))
            {
                position = Encoding.UTF8.Preamble.Length;
            }

            failFirst = HasSyntaxError(page.Bytes.AsSpan(0, filled), final);
        }
    }

    /// <summary>
    /// Reads the complete elements in the page's bytes, each within <paramref name="limit"/> bytes of where it starts
    /// (the end of the element before): <see cref="Progress.Ended"/> when the array and the file have ended.
    /// </summary>
    private Progress ParseAvailable(int limit)
    {
        while (true)
        {
            int end = (int)Math.Min(filled, (long)position + limit);
            bool last = final && end == filled;
            if (finished && last && position == filled)
            {
                return Progress.Ended;
            }

            page.Begin();
            if (expect != Expect.None && Scans)
            {
                int scanned = Scan(end);
                if (scanned > 0)
                {
                    continue;
                }

                if (scanned < 0)
                {
                    return Progress.Stopped;
                }

                page.Begin(); // The reader reads the element afresh.
            }

            var data = page.Bytes.AsSpan(position, end - position);
            var reader = new Utf8JsonReader(data, last, state);
            long lineBefore = line;
            int valuesBefore = page.ValueBytes;
            var outcome = TryReadElement(ref reader, data, last, out long at);
            if (outcome == Outcome.Incomplete)
            {
                line = lineBefore;
                page.ValueBytes = valuesBefore;
                return Progress.More;
            }

            if (outcome == Outcome.Stop)
            {
                page.StopAt = discarded + position + (int)reader.TokenStartIndex;
                page.StopLine = line;
                return Progress.Stopped;
            }

            state = reader.CurrentState;
            position += (int)reader.BytesConsumed;
            if (outcome == Outcome.Element)
            {
                Flush(page.Count);
                page.Commit(at, discarded + position);
                expect = reader.TokenType == JsonTokenType.EndObject ? Expect.Next : Expect.None;
            }
            else
            {
                expect = reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 0 ? Expect.First : Expect.None;
            }
        }
    }

    /// <summary>Gives the warnings of the element just read to the page, at its record.</summary>
    private void Flush(int record)
    {
        if (pendingWarnings.Count == 0)
        {
            return;
        }

        foreach (var (key, message) in pendingWarnings)
        {
            page.Warnings.Add((record, key, message));
        }

        pendingWarnings.Clear();
    }

    /// <summary>Reads up to and including the next element (or the array's end); <see cref="Outcome.Incomplete"/> when the data runs out first.</summary>
    private Outcome TryReadElement(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, bool last, out long at)
    {
        at = 0;
        int counted = 0;
        try
        {
            while (true)
            {
                if (!Next(ref reader))
                {
                    if (last && !started)
                    {
                        throw new CliException($"{name}: the file is empty (expected a JSON array of account objects)");
                    }

                    if (last && !finished)
                    {
                        throw new CliException($"{name}: not valid JSON: the file ends inside the array");
                    }

                    if (last && finished)
                    {
                        // Only trailing comments and white space were left.
                        line += CountLines(data[counted..(int)reader.BytesConsumed]);
                        return Outcome.Structure;
                    }

                    return Outcome.Incomplete;
                }

                if (!started)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new CliException($"{name}: not a JSON array of account objects (it starts with {Describe(reader.TokenType)})");
                    }

                    started = true;
                    line += CountLines(data[counted..(int)reader.BytesConsumed]);
                    return Outcome.Structure;
                }

                int tokenStart = (int)reader.TokenStartIndex;
                line += CountLines(data[counted..tokenStart]);
                counted = tokenStart;
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndArray)
                {
                    finished = true;
                    line += CountLines(data[counted..(int)reader.BytesConsumed]);
                    return Outcome.Structure;
                }

                if (discarded + position + tokenStart >= stopAt)
                {
                    return Outcome.Stop;
                }

                at = line;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!ReadObject(ref reader, data, at))
                    {
                        return Outcome.Incomplete;
                    }
                }
                else
                {
                    var found = reader.TokenType;
                    if (!reader.TrySkip())
                    {
                        return Outcome.Incomplete;
                    }

                    int record = page.Count;
                    page.Plain[record] = false;
                    page.Problem[record] = new Rejection(at, null, Rejection.WholeRow, null, $"expected an account object, found {Describe(found)}");
                }

                line += CountLines(data[counted..(int)reader.BytesConsumed]);
                return Outcome.Element;
            }
        }
        catch (JsonException ex)
        {
            long near = line + CountLines(data[counted..Math.Min(data.Length, (int)reader.BytesConsumed)]);
            throw new CliException($"{name}, near line {near}: not valid JSON: {JsonMessages.WithoutPosition(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// Reads the next element as the scanner reads it, when it is an object in the plain form: 1 when it was read
    /// (and committed), −1 when it starts at or past the block's end (the block stops), 0 when the reader must read it.
    /// </summary>
    private int Scan(int end)
    {
        byte[] b = page.Bytes;
        int lines = 0;
        int p = SkipSpace(b, position, end, ref lines);
        if (expect == Expect.Next)
        {
            if (p >= end || At(b, p) != ',')
            {
                return 0;
            }

            p = SkipSpace(b, p + 1, end, ref lines);
        }

        if (p >= end || At(b, p) != '{')
        {
            return 0;
        }

        long at = line + lines;
        if (discarded + p >= stopAt)
        {
            page.StopAt = discarded + p;
            page.StopLine = at;
            return -1;
        }

        int record = page.Count;
        int row = record * page.Fields;
        byte[] kinds = page.Kind;
        scannedUnknown.Clear();
        p = SkipSpace(b, p + 1, end, ref lines);
        if (p >= end)
        {
            return 0;
        }

        if (At(b, p) != '}')
        {
            while (true)
            {
                if (At(b, p) != '"')
                {
                    return 0;
                }

                int known = ScanName(b, p + 1, end);
                if (known < 0)
                {
                    return 0;
                }

                ref readonly var key = ref keys[known];
                p = SkipSpace(b, p + 1 + key.Length, end, ref lines);
                if (p >= end || At(b, p) != ':')
                {
                    return 0;
                }

                p = SkipSpace(b, p + 1, end, ref lines);
                if (p >= end)
                {
                    return 0;
                }

                byte kind;
                bool ascii = true;
                int start = p;
                switch (At(b, p))
                {
                    case (byte)'"':
                        int length = StringLength(b, p + 1, end, out ascii);
                        if (length < 0)
                        {
                            return 0;
                        }

                        kind = JsonRecordPage.Text;
                        start = p + 1;
                        p = start + length + 1;
                        break;
                    case (byte)'n':
                        kind = JsonRecordPage.Null;
                        p = Literal(b, p, end, "null"u8, 4);
                        break;
                    case (byte)'t':
                        kind = JsonRecordPage.True;
                        p = Literal(b, p, end, "true"u8, 4);
                        break;
                    case (byte)'f':
                        kind = JsonRecordPage.False;
                        p = Literal(b, p, end, "false"u8, 5);
                        break;
                    default:
                        kind = JsonRecordPage.Number;
                        p = ScanNumber(b, p, end);
                        break;
                }

                if (p < 0)
                {
                    return 0;
                }

                int field = key.Field;
                if (field >= 0)
                {
                    int cell = row + field;
                    if (kinds[cell] != JsonRecordPage.Absent)
                    {
                        return 0; // Given twice: the reader rejects it.
                    }

                    page.Present[record] |= 1UL << Math.Min(field, 63);
                    if (kind == JsonRecordPage.Null)
                    {
                        kinds[cell] = JsonRecordPage.Null;
                    }
                    else
                    {
                        int valueEnd = kind == JsonRecordPage.Text ? p - 1 : p;
                        var value = b.AsSpan(start, valueEnd - start);
                        if (!ascii && !Utf8.IsValid(value))
                        {
                            kinds[cell] = JsonRecordPage.Null;
                            page.Plain[record] = false;
                            page.Problem[record] ??= NotText(at, names[known].Spelled);
                        }
                        else
                        {
                            Set(cell, kind, start, value.Length);
                        }
                    }
                }
                else if (names[known].WarnedIn != epoch)
                {
                    scannedUnknown.Add(names[known]);
                }

                p = SkipSpace(b, p, end, ref lines);
                if (p >= end)
                {
                    return 0;
                }

                if (At(b, p) == '}')
                {
                    break;
                }

                if (At(b, p) != ',')
                {
                    return 0;
                }

                p = SkipSpace(b, p + 1, end, ref lines);
                if (p >= end)
                {
                    return 0;
                }
            }
        }

        foreach (var unknown in scannedUnknown)
        {
            WarnUnknown(unknown);
        }

        Flush(record);
        position = p + 1;
        page.Commit(at, discarded + position);
        line += lines;
        state = AfterObject;
        expect = Expect.Next;
        return 1;
    }

    /// <summary>The name that starts at <paramref name="p"/> (after its quote) and ends with a quote, when it has no escape; <see langword="null"/> otherwise.</summary>
    private int ScanName(byte[] b, int p, int end)
    {
        // Objects of one export spell their fields in the same order: try the one after the last first.
        if (nameCount > 0)
        {
            int next = lastName + 1 == nameCount ? 0 : lastName + 1;
            if (keys[next].IsAt(b, p, end, names[next]))
            {
                lastName = next;
                return next;
            }
        }

        int length = StringLength(b, p, end, out _);
        if (length < 0)
        {
            return -1;
        }

        NameOf(b.AsSpan(p, length));
        return lastName;
    }

    /// <summary>
    /// The length of the string whose text starts at <paramref name="s"/> (after its opening quote) up to its closing
    /// quote; −1 when an escape or a control character comes first, or the bytes end. <paramref name="ascii"/> says
    /// whether the text is all ASCII. Sixteen bytes at a time: an export's strings are short.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringLength(byte[] b, int s, int end, out bool ascii)
    {
        int i = s;
        bool high = false;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte bytes = ref MemoryMarshal.GetArrayDataReference(b);
            while (i + Vector128<byte>.Count <= end)
            {
                var v = Vector128.LoadUnsafe(ref bytes, (nuint)i);
                uint stops = (Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(v, Vector128.Create((byte)' '))).ExtractMostSignificantBits();
                uint nonAscii = v.ExtractMostSignificantBits();
                if (stops != 0)
                {
                    int k = BitOperations.TrailingZeroCount(stops);
                    ascii = !high && (nonAscii & ((1u << k) - 1)) == 0;
                    return At(b, i + k) == '"' ? i + k - s : -1;
                }

                high |= nonAscii != 0;
                i += Vector128<byte>.Count;
            }
        }

        for (; i < end; i++)
        {
            byte c = At(b, i);
            if (c == '"')
            {
                ascii = !high;
                return i - s;
            }

            if (c is (byte)'\\' or < (byte)' ')
            {
                break;
            }

            high |= c >= 0x80;
        }

        ascii = false;
        return -1;
    }

    /// <summary>Gets the entry for an unescaped name as the file spells it, adding it the first time.</summary>
    private Name NameOf(ReadOnlySpan<byte> raw)
    {
        for (int k = 0; k < nameCount; k++)
        {
            int i = lastName + 1 + k;
            if (i >= nameCount)
            {
                i -= nameCount;
            }

            if (raw.SequenceEqual(names[i].Bytes))
            {
                lastName = i;
                return names[i];
            }
        }

        // A name that is not UTF-8 is read with replacement characters, as the reader's GetString would refuse it.
        string spelled = Encoding.UTF8.GetString(raw);
        var added = new Name(raw.ToArray(), schema.TryFind(spelled, out int found) ? found : -1, spelled);
        if (nameCount == names.Length)
        {
            Array.Resize(ref names, Math.Max(8, nameCount * 2));
            Array.Resize(ref keys, names.Length);
        }

        names[nameCount] = added;
        keys[nameCount] = new NameKey(added.Quoted, added.Field);
        lastName = nameCount++;
        return added;
    }

    /// <summary>Warns of an unknown field once in the file (or the block).</summary>
    private void WarnUnknown(Name unknown)
    {
        if (unknown.WarnedIn != epoch)
        {
            unknown.WarnedIn = epoch;
            WarnUnknown(unknown.Spelled);
        }
    }

    private void WarnUnknown(string spelled)
    {
        if (warnedUnknown.Add(spelled))
        {
            pendingWarnings.Add((spelled, $"warning: {name}: ignoring unknown field {spelled}"));
        }
    }

    /// <summary>The end of the literal <paramref name="literal"/> (<paramref name="length"/> bytes) at <paramref name="p"/>, −1 when it is not there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Literal(byte[] b, int p, int end, ReadOnlySpan<byte> literal, int length)
    {
        if (p + length > end)
        {
            return -1;
        }

        // The first four bytes as one word, then the fifth of "false".
        ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), p);
        return Unsafe.ReadUnaligned<uint>(ref at) == Unsafe.ReadUnaligned<uint>(ref MemoryMarshal.GetReference(literal))
            && (length == 4 || Unsafe.Add(ref at, 4) == literal[4]) ? p + length : -1;
    }

    /// <summary>The byte at <paramref name="i"/>, which the caller has checked is before the end of the bytes read (the scanner reads the page's bytes without a bounds check for each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(byte[] b, int i) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), (nint)(uint)i);

    /// <summary>The end of the JSON number at <paramref name="p"/>, −1 when it is not one or may go on past <paramref name="end"/>.</summary>
    private static int ScanNumber(byte[] b, int p, int end)
    {
        int i = p;
        if (At(b, i) == '-')
        {
            if (++i >= end)
            {
                return -1;
            }
        }

        if (At(b, i) == '0')
        {
            i++;
        }
        else if (At(b, i) is >= (byte)'1' and <= (byte)'9')
        {
            i = Digits(b, i + 1, end);
        }
        else
        {
            return -1;
        }

        if (i < end && At(b, i) == '.')
        {
            int from = i + 1;
            i = Digits(b, from, end);
            if (i == from)
            {
                return -1;
            }
        }

        if (i < end && (At(b, i) | 0x20) == 'e')
        {
            i++;
            if (i < end && At(b, i) is (byte)'+' or (byte)'-')
            {
                i++;
            }

            int from = i;
            i = Digits(b, from, end);
            if (i == from)
            {
                return -1;
            }
        }

        return i < end ? i : -1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static int Digits(byte[] b, int i, int end)
        {
            while (i < end && At(b, i) - (uint)'0' <= 9)
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>Steps over JSON white space, counting line breaks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpace(byte[] b, int p, int end, ref int lines)
    {
        while (p < end)
        {
            byte c = At(b, p);
            if (c > ' ')
            {
                break;
            }

            if (c == '\n')
            {
                lines++;
            }
            else if (c is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                break;
            }

            p++;
        }

        return p;
    }

    /// <summary>Reads one object's properties into the page's current record; <see langword="false"/> when the data runs out inside it.</summary>
    private bool ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long at)
    {
        int record = page.Count;
        int row = record * page.Fields;
        while (true)
        {
            if (!Next(ref reader))
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            int field = FieldOf(ref reader, out string spelled);
            if (!Next(ref reader))
            {
                return false;
            }

            if (field < 0)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            if (page.Kind[row + field] != JsonRecordPage.Absent)
            {
                page.Problem[record] ??= new Rejection(at, null, spelled, null, $"{spelled} is given more than once");
                page.Plain[record] = false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            page.Present[record] |= 1UL << Math.Min(field, 63);
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    StoreString(ref reader, record, field, spelled, at);
                    break;
                case JsonTokenType.Number:
                    Set(row + field, JsonRecordPage.Number, OffsetOf(reader.ValueSpan), reader.ValueSpan.Length);
                    break;
                case JsonTokenType.True:
                    Set(row + field, JsonRecordPage.True, OffsetOf(reader.ValueSpan), reader.ValueSpan.Length);
                    break;
                case JsonTokenType.False:
                    Set(row + field, JsonRecordPage.False, OffsetOf(reader.ValueSpan), reader.ValueSpan.Length);
                    break;
                case JsonTokenType.Null:
                    page.Kind[row + field] = JsonRecordPage.Null;
                    break;
                default:
                    if (!ReadCompound(ref reader, data, record, field, spelled, at))
                    {
                        return false;
                    }

                    break;
            }
        }
    }

    /// <summary>An array or object as a value: the trigger events may be a list of strings; anything else rejects the row.</summary>
    private bool ReadCompound(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, int record, int field, string spelled, long at)
    {
        int rawStart = (int)reader.TokenStartIndex;
        var found = reader.TokenType;
        var probe = reader;
        if (!probe.TrySkip())
        {
            return false;
        }

        page.Plain[record] = false;
        int at0 = (record * page.Fields) + field;
        if (found == JsonTokenType.StartArray && field == InputSchema.TriggerEvents)
        {
            // A list of strings is the events joined with ';', as the CSV spells them.
            int begin = page.ValueBytes;
            bool strings = true, first = true;
            while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    strings = false;
                    reader.TrySkip(); // Complete (the probe skipped the whole list): TrySkip, as Skip refuses a buffer that is not the file's last.
                    continue;
                }

                if (!first)
                {
                    AppendValue(";"u8);
                }

                first = false;
                if (!AppendString(ref reader))
                {
                    page.Problem[record] ??= NotText(at, spelled);
                }
            }

            if (strings)
            {
                Set(at0, JsonRecordPage.List, ~begin, page.ValueBytes - begin);
                return true;
            }

            page.ValueBytes = begin;
        }
        else
        {
            reader.TrySkip();
        }

        string raw = Encoding.UTF8.GetString(data[rawStart..(int)reader.BytesConsumed]);
        page.Kind[at0] = JsonRecordPage.Null;
        page.Problem[record] ??= new Rejection(at, null, spelled, raw, $"expected a single value, found {(found == JsonTokenType.StartObject ? "an object" : "an array")}");
        return true;
    }

    private void StoreString(ref Utf8JsonReader reader, int record, int field, string spelled, long at)
    {
        int at0 = (record * page.Fields) + field;
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (Utf8.IsValid(raw))
            {
                Set(at0, JsonRecordPage.Text, OffsetOf(raw), raw.Length);
                return;
            }
        }
        else
        {
            int begin = page.ValueBytes;
            if (AppendString(ref reader))
            {
                Set(at0, JsonRecordPage.Text, ~begin, page.ValueBytes - begin);
                return;
            }
        }

        page.Kind[at0] = JsonRecordPage.Null;
        page.Plain[record] = false;
        page.Problem[record] ??= NotText(at, spelled);
    }

    /// <summary>Appends the string's UTF-8 text, unescaped, to the page's values; <see langword="false"/> (appending nothing) when it is not text (a lone surrogate escape, invalid UTF-8).</summary>
    private bool AppendString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (!Utf8.IsValid(raw))
            {
                return false;
            }

            AppendValue(raw);
            return true;
        }

        page.Reserve(raw.Length);
        try
        {
            int n = reader.CopyString(page.Values.AsSpan(page.ValueBytes));
            if (!Utf8.IsValid(page.Values.AsSpan(page.ValueBytes, n)))
            {
                return false;
            }

            page.ValueBytes += n;
            return true;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate (\ud800): not a character, so not text.
            return false;
        }
    }

    private void AppendValue(ReadOnlySpan<byte> text)
    {
        page.Reserve(text.Length);
        text.CopyTo(page.Values.AsSpan(page.ValueBytes));
        page.ValueBytes += text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Set(int at, byte kind, int start, int length)
    {
        page.Kind[at] = kind;
        page.Start[at] = start;
        page.Length[at] = length;
    }

    /// <summary>Where <paramref name="span"/>, a value the reader gave, starts in the page's bytes.</summary>
    private int OffsetOf(ReadOnlySpan<byte> span)
        => (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(page.Bytes), ref MemoryMarshal.GetReference(span));

    private static Rejection NotText(long at, string spelled)
        => new(at, null, spelled, null, "not valid text: the string holds a lone surrogate escape (such as \\ud800) or bytes that are not UTF-8");

    /// <summary>The schema field of the property name just read, −1 for a field the schema does not know (warned about once).</summary>
    private int FieldOf(ref Utf8JsonReader reader, out string spelled)
    {
        if (!reader.ValueIsEscaped)
        {
            var known = NameOf(reader.ValueSpan);
            spelled = known.Spelled;
            if (known.Field < 0)
            {
                WarnUnknown(known);
            }

            return known.Field;
        }

        try
        {
            spelled = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A name that is not text (a lone surrogate escape) names no field.
            spelled = Encoding.UTF8.GetString(reader.ValueSpan);
        }

        int field = schema.TryFind(spelled, out int found) ? found : -1;
        if (field < 0)
        {
            WarnUnknown(spelled);
        }

        return field;
    }

    /// <summary>Reads the next token that is not a comment; <see langword="false"/> when the data runs out first.</summary>
    private static bool Next(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.Comment)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountLines(ReadOnlySpan<byte> span) => span.Count((byte)'\n');

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>A property name as a file spells it (unescaped), its schema field (−1 when unknown), and the block it was last warned of in.</summary>
    private sealed class Name(byte[] bytes, int field, string spelled)
    {
        public byte[] Bytes { get; } = bytes;

        /// <summary>Gets the name's bytes and its closing quote.</summary>
        public byte[] Quoted { get; } = [.. bytes, (byte)'"'];

        public int Field { get; } = field;

        public string Spelled { get; } = spelled;

        public int WarnedIn { get; set; } = -1;
    }

    /// <summary>What the scanner compares a name with, kept in one array so that the guess costs one load: the name and its closing quote as three masked words, its field.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct NameKey
    {
        /// <summary>The most bytes of a name and its closing quote compared as words.</summary>
        private const int WordBytes = 24;

        private readonly ulong word0, word1, word2, mask0, mask1, mask2;

        public NameKey(byte[] quoted, int field)
        {
            Length = quoted.Length;
            Field = field;
            Span<byte> padded = stackalloc byte[WordBytes];
            Span<byte> ones = stackalloc byte[WordBytes];
            padded.Clear();
            ones.Clear();
            quoted.AsSpan(0, Math.Min(quoted.Length, WordBytes)).CopyTo(padded);
            ones[..Math.Min(quoted.Length, WordBytes)].Fill(0xFF);
            word0 = BitConverter.ToUInt64(padded);
            word1 = BitConverter.ToUInt64(padded[8..]);
            word2 = BitConverter.ToUInt64(padded[16..]);
            mask0 = BitConverter.ToUInt64(ones);
            mask1 = BitConverter.ToUInt64(ones[8..]);
            mask2 = BitConverter.ToUInt64(ones[16..]);
        }

        /// <summary>Gets the bytes of the name and its closing quote.</summary>
        public int Length { get; }

        public int Field { get; }

        /// <summary>Gets whether the name and its closing quote are at <paramref name="p"/>, before <paramref name="end"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsAt(byte[] b, int p, int end, Name name)
        {
            if (p + Length > end)
            {
                return false;
            }

            if (Length > WordBytes || p + WordBytes > b.Length)
            {
                return b.AsSpan(p, Length).SequenceEqual(name.Quoted);
            }

            ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), p);
            return ((Unsafe.ReadUnaligned<ulong>(ref at) ^ word0) & mask0) == 0
                && ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, 8)) ^ word1) & mask1) == 0
                && ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, 16)) ^ word2) & mask2) == 0;
        }
    }
}
