namespace ExpansionScoring.Cli.Input;

/// <summary>
/// A run of account objects of a JSON book, parsed: the file's bytes they were read from, and for each record and
/// schema field where its value is (an offset into those bytes, or into <see cref="Values"/> for an unescaped string
/// or a joined list), so a value is never copied unless it had to be rewritten. Filled by
/// <see cref="JsonRecordReader"/>, read by <see cref="JsonAccountSource"/>, then reused.
/// </summary>
internal sealed class JsonRecordPage(int fields)
{
    public const byte Absent = 0, Text = 1, Number = 2, True = 3, False = 4, Null = 5, List = 6;

    private const int InitialRecords = 1024;

    private IReadOnlySet<int>? maskOf;
    private ulong allowedMask;

    /// <summary>Gets the number of schema fields per record.</summary>
    public int Fields { get; } = fields;

    /// <summary>Gets or sets the file's bytes the records were read from.</summary>
    public byte[] Bytes { get; set; } = new byte[1 << 18];

    /// <summary>Gets the unescaped strings and joined lists; a value there has a negative start (its offset, complemented).</summary>
    public byte[] Values { get; private set; } = new byte[4096];

    public int ValueBytes { get; set; }

    /// <summary>Gets the number of complete records.</summary>
    public int Count { get; private set; }

    /// <summary>Gets each record's line (the line of its opening brace).</summary>
    public long[] Line { get; private set; } = new long[InitialRecords];

    /// <summary>Gets why each record is rejected as a whole, or <see langword="null"/>.</summary>
    public Rejection?[] Problem { get; private set; } = new Rejection?[InitialRecords];

    /// <summary>Gets whether each record holds only plain values (no duplicate, list, compound or non-text value).</summary>
    public bool[] Plain { get; private set; } = new bool[InitialRecords];

    /// <summary>Gets the bytes of the file read up to the end of each record, for progress.</summary>
    public long[] End { get; private set; } = new long[InitialRecords];

    /// <summary>Gets the fields below 64 each record has a value for (by bit), for a quick check of which fields are there.</summary>
    public ulong[] Present { get; private set; } = new ulong[InitialRecords];

    /// <summary>Gets each value's kind, by record × <see cref="Fields"/> + field.</summary>
    public byte[] Kind { get; private set; } = new byte[InitialRecords * fields];

    /// <summary>Gets each value's start: an offset into <see cref="Bytes"/>, or the complement of one into <see cref="Values"/>.</summary>
    public int[] Start { get; private set; } = new int[InitialRecords * fields];

    /// <summary>Gets each value's length in bytes; 0 when absent or null.</summary>
    public int[] Length { get; private set; } = new int[InitialRecords * fields];

    /// <summary>
    /// Gets the warnings to give when the reader reaches the record they came up in (by index), each with what makes
    /// it the same as another (a block warns of what it has not warned of itself; the reader gives each once).
    /// </summary>
    public List<(int Record, string Key, string Message)> Warnings { get; } = [];

    /// <summary>Gets or sets where in the file the page's first element starts (a block's), −1 when a block found none to start at.</summary>
    public long BlockStart { get; set; }

    /// <summary>Gets or sets where the element starts that a block stopped before (at or past its end), −1 when it did not stop so.</summary>
    public long StopAt { get; set; }

    /// <summary>Gets or sets the line of <see cref="StopAt"/>, counted as the page's lines are.</summary>
    public long StopLine { get; set; }

    /// <summary>Gets or sets what to add to the page's lines (<see cref="Line"/>, the rejections' lines) to make them the file's: a block counts from its own start.</summary>
    public long LineBase { get; set; }

    /// <summary>Gets or sets what stops the reading after the records of this page; thrown when the reader reaches it.</summary>
    public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; set; }

    /// <summary>Gets or sets whether the array ends with this page.</summary>
    public bool Last { get; set; }

    /// <summary>Gets or sets what a span parser made of the page's records on the thread that parsed it (<see cref="JsonAccountSource.ReadParallel{T}"/>).</summary>
    public object? Rows { get; set; }

    /// <summary>Gets whether record <paramref name="record"/> holds only fields in <paramref name="allowed"/> (by schema index), and nothing the columnar reader would have to decode.</summary>
    public bool Only(int record, IReadOnlySet<int> allowed)
    {
        if (!Plain[record])
        {
            return false;
        }

        if (!ReferenceEquals(allowed, maskOf))
        {
            allowedMask = 0;
            for (int f = 0; f < Math.Min(Fields, 63); f++)
            {
                allowedMask |= allowed.Contains(f) ? 1UL << f : 0;
            }

            maskOf = allowed;
        }

        ulong present = Present[record];
        if ((present & ~allowedMask & ~(1UL << 63)) != 0)
        {
            return false;
        }

        if ((present & (1UL << 63)) != 0)
        {
            // Fields from the 64th on share one bit: look at each.
            for (int f = 63; f < Fields; f++)
            {
                if (Kind[(record * Fields) + f] != Absent && !allowed.Contains(f))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Gets the value at <paramref name="at"/> (record × <see cref="Fields"/> + field) as UTF-8; empty when absent or null.</summary>
    public ReadOnlySpan<byte> Span(int at)
    {
        int length = Length[at];
        if (length == 0)
        {
            return default;
        }

        int start = Start[at];
        return start >= 0 ? new ReadOnlySpan<byte>(Bytes, start, length) : new ReadOnlySpan<byte>(Values, ~start, length);
    }

    /// <summary>Empties the page for reuse.</summary>
    public void Reset()
    {
        Count = 0;
        ValueBytes = 0;
        Warnings.Clear();
        Failure = null;
        Last = false;
        BlockStart = 0;
        StopAt = -1;
        StopLine = 0;
        LineBase = 0;
    }

    /// <summary>Starts record <see cref="Count"/>: clears its fields and makes room for it.</summary>
    public void Begin()
    {
        if (Count == Line.Length)
        {
            int n = Count * 2;
            Line = Grow(Line, n);
            Problem = Grow(Problem, n);
            Plain = Grow(Plain, n);
            End = Grow(End, n);
            Present = Grow(Present, n);
            Kind = Grow(Kind, n * Fields);
            Start = Grow(Start, n * Fields);
            Length = Grow(Length, n * Fields);
        }

        Array.Clear(Kind, Count * Fields, Fields);
        Array.Clear(Length, Count * Fields, Fields);
        Present[Count] = 0;
        Problem[Count] = null;
        Plain[Count] = true;
    }

    /// <summary>Ends record <see cref="Count"/>, started with <see cref="Begin"/>.</summary>
    public void Commit(long line, long end)
    {
        Line[Count] = line;
        End[Count] = end;
        Count++;
    }

    /// <summary>Drops the records read so far (the run stops before any of them).</summary>
    public void DropRecords() => Count = 0;

    /// <summary>Makes room for <paramref name="bytes"/> more bytes in <see cref="Values"/>.</summary>
    public void Reserve(int bytes)
    {
        if (ValueBytes + bytes > Values.Length)
        {
            var grown = new byte[Math.Max(Values.Length * 2, ValueBytes + bytes)];
            Values.AsSpan(0, ValueBytes).CopyTo(grown);
            Values = grown;
        }
    }

    private static T[] Grow<T>(T[] array, int length)
    {
        var grown = new T[length];
        array.CopyTo(grown, 0);
        return grown;
    }
}
