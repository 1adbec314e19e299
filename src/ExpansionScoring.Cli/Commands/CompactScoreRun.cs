using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Cli.Reports;
using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// <c>score --compact</c>: reads the book in chunks of columns and scores each chunk with the model's columnar batch
/// path (<see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>), writing one compact row per
/// account. Memory stays flat: one chunk of columns, the duplicate-id index and the CSV library's buffers.
/// </summary>
/// <remarks>
/// A CSV file is read on every core: CsvHelper's workers read the records and parse their fields as spans, with no
/// string per field (<see cref="CsvAccountSource.ReadParallel"/>, <see cref="TryParse"/>); this thread takes the rows
/// in file order (the duplicate-id index, blank rows and the footer, rejections in order), fills chunks of columns
/// and scores them; a further thread hands each scored chunk to the sink. A row the span reader cannot take as it is
/// (anything it would reject, an unusual spelling, a duplicate id) goes through the same <see cref="AccountRowParser"/>
/// as the full output, so rows are accepted and rejected exactly as there, with the same reasons. A JSON file of
/// several blocks is read the same way on its parsing threads (<see cref="JsonAccountSource.ReadParallel"/>); a smaller
/// one and a book in parts one record at a time. A book with telemetry or user-defined signal columns, a model
/// the batch path does not cover, or a culture with a decimal comma takes the row-by-row route with the same output.
/// </remarks>
internal sealed class CompactScoreRun(AccountRowParser parser, ScoringModel model, DateOnly asOf, IScoredSink writer, Action<Rejection> onRejected, bool strict)
{
    private const int ChunkSize = 8192;

    /// <summary>Rows waiting to be taken in order: the duplicate index's slot of each is fetched while the rows before it are taken.</summary>
    private const int Lookahead = 8;

    /// <summary>The schema fields the span reader understands; a header with any other field takes the row route.</summary>
    private static readonly HashSet<int> ColumnarFields =
    [
        InputSchema.AccountId, InputSchema.Arr, InputSchema.Name, InputSchema.Segment, InputSchema.Plan,
        InputSchema.PlanFit, InputSchema.Velocity, InputSchema.Engagement, InputSchema.Champion, InputSchema.Triggers,
        InputSchema.SeatSaturation, InputSchema.SeatsPurchased, InputSchema.SeatsActive, InputSchema.DaysToRenewal,
        InputSchema.RenewalDate, InputSchema.HealthScore, InputSchema.OpenP1P2Tickets, InputSchema.ContractStartDate,
    ];

    private int fieldCount;

    /// <summary>
    /// CsvHelper's workers: one per core. Reading and parsing is the longest of the run's jobs (this thread takes and
    /// scores the rows, the sink's writes them), and on two cores two workers beat one once the tool is compiled ahead
    /// of time (portfolio 1.14× faster native, 1.05× under the JIT, in alternating runs; the default output the same).
    /// </summary>
    private static int Workers => Environment.ProcessorCount;

    public long Rows { get; private set; }

    public long Scored { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Gets the count of thin-data accounts, for the warning.</summary>
    public ThinData Thin { get; } = new(model);

    /// <summary>Gets which path scored the book: <see cref="ScoringPath.Kernel"/> (the batch path), or <see cref="ScoringPath.General"/>.</summary>
    public ScoringPath Path { get; private set; } = ScoringPath.General;

    public int Execute(IAccountSource source, Action<long, long> progress, CancellationToken cancellationToken)
    {
        // The span reader reads '.' decimals; under a culture with a decimal comma every row takes the full parser.
        if (model.BatchPath != ScoringPath.General && source is ISpanRecordSource spans && (source is not CsvAccountSource csv || csv.MappedFields.All(ColumnarFields.Contains)) && !writer.Keeps
            && parser.Values.Culture.NumberFormat.NumberDecimalSeparator == ".")
        {
            int[] column = spans.ColumnsByField();
            fieldCount = column.Length;
            // A CSV file is read by CsvHelper's workers (the header maps only fields the span reader knows, checked above),
            // a JSON file in blocks by its parsing threads.
            IRecordReader<SpanRow> records = source switch
            {
                CsvAccountSource file => file.ReadParallel((CsvFields fields, out SpanRow row) => TryParse(fields, column, out row), Workers),
                JsonAccountSource { ReadsInBlocks: true } json => json.ReadParallel((JsonFields fields, out SpanRow row) => TryParse(fields, column, out row), ColumnarFields),
                _ => new OneAtATime(this, spans, column),
            };
            ExecuteColumnar(records, source.TotalBytes, progress, cancellationToken);
        }
        else
        {
            ExecuteRows(source, progress, cancellationToken);
        }

        writer.Flush();
        return 0;
    }

    /// <summary>
    /// Takes the rows in order and scores them on the calling thread while a second thread hands the previous chunk to
    /// the sink: two chunks take turns, so output keeps the input's order and memory holds at most two chunks.
    /// </summary>
    private void ExecuteColumnar(IRecordReader<SpanRow> records, long? totalBytes, Action<long, long> progress, CancellationToken cancellationToken)
    {
        using var free = new BlockingCollection<Chunk>(2) { new Chunk(ChunkSize, model), new Chunk(ChunkSize, model) };
        using var full = new BlockingCollection<Chunk>(2);
        // A thread of its own, not the pool's: it blocks between chunks, and a pool thread blocked there holds back the
        // CSV library's reader and writer lanes, which run on the pool, until the pool grows (seconds, on two cores).
        var writing = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var written in full.GetConsumingEnumerable())
                {
                    Write(written);
                    written.Clear();
                    free.Add(written);
                }
            }
            catch
            {
                free.CompleteAdding(); // The reader stops at its next Take; the exception surfaces below.
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            var chunk = free.Take(cancellationToken);
            var waiting = new SourceRecord<SpanRow>[Lookahead];
            int first = 0, count = 0;
            bool ended = false;
            ExceptionDispatchInfo? failed = null;
            using var reader = records;
            while (true)
            {
                if (!ended)
                {
                    ref var next = ref waiting[(first + count) % Lookahead];
                    try
                    {
                        ended = !reader.Next(ref next);
                    }
                    catch (Exception ex) when (count > 0)
                    {
                        // The input failed (unreadable CSV, invalid UTF-8): the rows before it are taken first, as they were read.
                        failed = ExceptionDispatchInfo.Capture(ex);
                        ended = true;
                    }

                    if (!ended)
                    {
                        count++;
                        if (next.Taken)
                        {
                            parser.PrefetchId(next.Value.IdHash);
                        }

                        if (count < Lookahead)
                        {
                            continue;
                        }
                    }
                }

                if (count == 0)
                {
                    break;
                }

                Take(reader, ref waiting[first], ref chunk, totalBytes, progress, cancellationToken);
                first = (first + 1) % Lookahead;
                count--;
                if (chunk.Count == ChunkSize)
                {
                    Score(chunk);
                    full.Add(chunk, cancellationToken);
                    chunk = free.Take(cancellationToken);
                }
            }

            failed?.Throw();
            Score(chunk);
            full.Add(chunk, cancellationToken);
        }
        catch (InvalidOperationException) when (free.IsAddingCompleted)
        {
            // The writer failed; its exception is the one to report, below.
        }
        catch
        {
            // The reader failed (--strict, cancellation, unreadable CSV): let the writer finish before the output closes.
            full.CompleteAdding();
            try
            {
                writing.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The reader's exception is the one to report.
            }

            throw;
        }

        full.CompleteAdding();
        writing.GetAwaiter().GetResult();
    }

    /// <summary>Takes one data row in file order: into the chunk as read, or through the full parser, which accepts it or rejects it with its reasons.</summary>
    private void Take(IRecordReader<SpanRow> records, ref SourceRecord<SpanRow> record, ref Chunk chunk, long? totalBytes, Action<long, long> progress, CancellationToken cancellationToken)
    {
        Rows++;
        if (Rows == ChunkSize && totalBytes is { } total && record.Offset > 0)
        {
            // Size the duplicate-id index once from the rows seen so far and the file's length, as the full route does.
            parser.ExpectRows((long)(total / (double)record.Offset * Rows * 1.05));
        }

        if (Rows % ProgressDisplay.ReportEvery == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress(Rows, record.Offset);
        }

        if (record.Taken && parser.TryAddId(record.Value.IdHash, record.Line))
        {
            ref var row = ref record.Value;
            chunk.Add(row.Id, row.Name, row.Plan, row.Purchased, row.Active, row.Days, row.Renewal, row.Columns);
            return;
        }

        // The full parser decides: it rejects the row with its reason, or accepts a spelling the span reader does not.
        // A row read as spans fails here only as a duplicate, which the parser rejects from the id alone (the span
        // reader takes only ids that are their own trimmed text, so the parser's id is the same).
        var account = parser.Parse(record.Taken ? IdOnly(record.Line, record.Value.Id) : records.Row(record), out var rejection);
        if (account is null)
        {
            Reject(rejection!);
            return;
        }

        chunk.Add(account, asOf);
    }

    /// <summary>A row with only its id, for the full parser to reject as a duplicate.</summary>
    private InputRow IdOnly(long line, ReadOnlySpan<byte> id)
    {
        var values = new string?[fieldCount];
        values[InputSchema.AccountId] = Encoding.ASCII.GetString(id);
        return new InputRow(line, values, null);
    }

    /// <summary>The records of a source read one at a time (JSON, a book in parts), each taken as spans or made into strings as it is read.</summary>
    private sealed class OneAtATime(CompactScoreRun run, ISpanRecordSource source, int[] column) : IRecordReader<SpanRow>
    {
        private readonly Queue<InputRow> rows = new();

        public bool Next(ref SourceRecord<SpanRow> record)
        {
            if (!source.NextRecord(out long line, out var problem))
            {
                return false;
            }

            record.Kind = RecordKind.Data;
            record.Line = line;
            record.Offset = source.BytesRead;
            record.Taken = problem is null && source.CurrentRecordOnly(ColumnarFields) && run.TryParse(source, column, out record.Value);
            record.HasText = !record.Taken;
            if (!record.Taken)
            {
                rows.Enqueue(source.Materialize(line, problem));
            }

            return true;
        }

        /// <summary>The rows not taken as spans wait in file order, as the records are taken.</summary>
        public InputRow Row(in SourceRecord<SpanRow> record) => rows.Dequeue();

        public void Dispose()
        {
        }
    }

    private void ExecuteRows(IAccountSource source, Action<long, long> progress, CancellationToken cancellationToken)
    {
        foreach (var row in source.ReadRows())
        {
            Rows++;
            if (Rows % ProgressDisplay.ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress(Rows, source.BytesRead);
            }

            var account = parser.Parse(row, out var rejection);
            if (account is null)
            {
                Reject(rejection!);
                continue;
            }

            var s = model.Score(account, asOf);
            Thin.Add(s.Confidence, s.MissingSignalCount);
            writer.Write(s, row.Kept);
            Scored++;
        }
    }

    private void Reject(Rejection rejection)
    {
        Rejected++;
        if (strict)
        {
            throw new CliException($"{rejection} (--strict stops at the first rejected row; no output was written)");
        }

        onRejected(rejection);
    }

    private void Score(Chunk chunk)
    {
        int n = chunk.Count;
        if (n > 0)
        {
            Path = model.ScoreBatch(chunk.Accounts.Columns, asOf, chunk.Results(n)).Path;
            Scored += n;
        }
    }

    private void Write(Chunk chunk)
    {
        for (int i = 0; i < chunk.Count; i++)
        {
            var o = chunk.Outcome[i];
            Thin.Add(o.Confidence, o.MissingSignalCount);
        }

        writer.Write(chunk);
    }

    /// <summary>
    /// Reads a record as spans when every field is in the plain form the full parser would accept unchanged; returns
    /// <see langword="false"/> otherwise, and the full parser takes the row. Changes nothing but <paramref name="row"/>,
    /// so CsvHelper's workers call it on several threads at once.
    /// </summary>
    private bool TryParse<TFields>(TFields s, int[] column, out SpanRow row)
        where TFields : ISpanFields
    {
        row = default;

        // Ids in plain ASCII only, and only ids that are their own trimmed text: trimming and hashing any other text is left to the full parser.
        var idBytes = Field(s, column, InputSchema.AccountId);
        if (idBytes.IsEmpty || idBytes.Length > 256 || !Ascii.IsValid(idBytes) || idBytes[0] <= ' ' || idBytes[^1] <= ' '
            || !TryNumber(Field(s, column, InputSchema.Arr), 0, Account.MaxArr, out double arr) || double.IsNaN(arr))
        {
            return false;
        }

        Span<char> id = stackalloc char[idBytes.Length];
        Ascii.ToUtf16(idBytes, id, out _);
        row.IdHash = AccountRowParser.HashId(id);

        var segmentText = Trim(Field(s, column, InputSchema.Segment));
        Segment segment;
        if (segmentText.IsEmpty)
        {
            segment = Account.DefaultSegment;
        }
        else if (Ascii.EqualsIgnoreCase(segmentText, "SMB"u8))
        {
            segment = Segment.SMB;
        }
        else if (Ascii.EqualsIgnoreCase(segmentText, "MidMarket"u8))
        {
            segment = Segment.MidMarket;
        }
        else if (Ascii.EqualsIgnoreCase(segmentText, "Enterprise"u8))
        {
            segment = Segment.Enterprise;
        }
        else
        {
            return false;
        }

        if (!TryNumber(Field(s, column, InputSchema.PlanFit), 0, 100, out double planFit)
            || !TryNumber(Field(s, column, InputSchema.Velocity), 0, 100, out double velocity)
            || !TryNumber(Field(s, column, InputSchema.Engagement), 0, 100, out double engagement)
            || !TryNumber(Field(s, column, InputSchema.Champion), 0, 100, out double champion)
            || !TryNumber(Field(s, column, InputSchema.Triggers), 0, 100, out double triggers)
            || !TryNumber(Field(s, column, InputSchema.SeatSaturation), 0, double.PositiveInfinity, out double saturation)
            || !TryInteger(Field(s, column, InputSchema.SeatsPurchased), true, out int? purchased)
            || !TryInteger(Field(s, column, InputSchema.SeatsActive), true, out int? active)
            || !TryInteger(Field(s, column, InputSchema.DaysToRenewal), false, out int? days)
            || !TryDate(Field(s, column, InputSchema.RenewalDate), out DateOnly? renewal)
            || !TryNumber(Field(s, column, InputSchema.HealthScore), 0, 100, out double health)
            || !TryInteger(Field(s, column, InputSchema.OpenP1P2Tickets), true, out int? tickets)
            || !TryDate(Field(s, column, InputSchema.ContractStartDate), out DateOnly? start))
        {
            return false;
        }

        // As Account.GetSeatSaturation and GetDaysToRenewal resolve them.
        if (double.IsNaN(saturation) && active is { } a && purchased is { } p && p > 0)
        {
            saturation = (double)a / p;
        }

        double daysToRenewal = days ?? (renewal is { } r ? r.DayNumber - asOf.DayNumber : double.NaN);
        if (!row.TrySetText(idBytes, Field(s, column, InputSchema.Name), Field(s, column, InputSchema.Plan)))
        {
            return false;
        }

        row.Purchased = purchased;
        row.Active = active;
        row.Days = days;
        row.Renewal = renewal;
        row.Columns = new AccountRow
        {
            Segment = segment,
            PlanFit = planFit,
            Velocity = velocity,
            Engagement = engagement,
            Champion = champion,
            Triggers = triggers,
            Arr = arr,
            SeatSaturation = saturation,
            DaysToRenewal = daysToRenewal,
            HealthScore = health,
            OpenP1P2Tickets = tickets ?? double.NaN,
            ContractStart = start ?? default,
        };
        return true;
    }

    private static ReadOnlySpan<byte> Field<TFields>(TFields s, int[] column, int field)
        where TFields : ISpanFields
        => column[field] >= 0 ? s.Span(column[field]) : default;

    /// <summary>Trims ASCII white space; the reader has already trimmed spaces and tabs, so this is nearly always a check of two bytes.</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
        => !text.IsEmpty && (text[0] <= ' ' || text[^1] <= ' ') ? text[Ascii.Trim(text)] : text;

    /// <summary>Empty (or blank) is missing (NaN); a finite number within range is taken; anything else is for the full parser.</summary>
    private static bool TryNumber(ReadOnlySpan<byte> text, double min, double max, out double value)
    {
        if (Trim(text).IsEmpty)
        {
            value = double.NaN;
            return true;
        }

        bool parsed = PlainNumber.TryParse(text, out value) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        return parsed && double.IsFinite(value) && value >= min && value <= max;
    }

    private static bool TryInteger(ReadOnlySpan<byte> text, bool nonNegative, out int? value)
    {
        value = null;
        if (Trim(text).IsEmpty)
        {
            return true;
        }

        bool parsed = PlainNumber.TryParseInteger(text, out int n)
            || int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out n);
        if (!parsed || (nonNegative && n < 0))
        {
            return false;
        }

        value = n;
        return true;
    }

    /// <summary>yyyy-MM-dd exactly, as <c>DateOnly.TryParseExact</c> with that format reads it.</summary>
    private static bool TryDate(ReadOnlySpan<byte> text, out DateOnly? value)
    {
        value = null;
        var t = Trim(text);
        if (t.IsEmpty)
        {
            return true;
        }

        if (t.Length != 10 || t[4] != '-' || t[7] != '-' || !Digits(t[..4], out int year) || !Digits(t.Slice(5, 2), out int month) || !Digits(t.Slice(8, 2), out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;

        static bool Digits(ReadOnlySpan<byte> digits, out int number)
        {
            number = 0;
            foreach (byte b in digits)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                number = (number * 10) + (b - '0');
            }

            return true;
        }
    }

    /// <summary>
    /// One row as the span reader read it, with copies of its id, name and plan in the row itself, so it can wait in a
    /// queue after the reader has moved on. It holds no reference, so copying it is a plain memory copy.
    /// </summary>
    internal struct SpanRow
    {
        /// <summary>The room for the id, name and plan; a row whose text is longer goes to the full parser.</summary>
        private const int TextRoom = 64;

        /// <summary>The values the batch path scores.</summary>
        public AccountRow Columns;

        /// <summary>The id's hash in the duplicate index.</summary>
        public ulong IdHash;

        // The whole numbers as read, packed (a row crosses from core to core: its size is time).
        private int purchased;
        private int active;
        private int days;
        private int renewal;
        private Known known;
        private TextBytes text;
        private byte idLength;
        private byte nameLength;
        private byte planLength;

        [Flags]
        private enum Known : byte
        {
            None = 0,
            Purchased = 1,
            Active = 2,
            Days = 4,
            Renewal = 8,
        }

        public int? Purchased
        {
            readonly get => (known & Known.Purchased) != 0 ? purchased : null;
            set => Set(ref purchased, Known.Purchased, value);
        }

        public int? Active
        {
            readonly get => (known & Known.Active) != 0 ? active : null;
            set => Set(ref active, Known.Active, value);
        }

        public int? Days
        {
            readonly get => (known & Known.Days) != 0 ? days : null;
            set => Set(ref days, Known.Days, value);
        }

        public DateOnly? Renewal
        {
            readonly get => (known & Known.Renewal) != 0 ? DateOnly.FromDayNumber(renewal) : null;
            set => Set(ref renewal, Known.Renewal, value?.DayNumber);
        }

        /// <summary>Gets the id (ASCII).</summary>
        [UnscopedRef]
        public readonly ReadOnlySpan<byte> Id => Text[..idLength];

        /// <summary>Gets the name as read (UTF-8), empty when missing.</summary>
        [UnscopedRef]
        public readonly ReadOnlySpan<byte> Name => Text.Slice(idLength, nameLength);

        /// <summary>Gets the plan as read (UTF-8), empty when missing.</summary>
        [UnscopedRef]
        public readonly ReadOnlySpan<byte> Plan => Text.Slice(idLength + nameLength, planLength);

        [UnscopedRef]
        private readonly ReadOnlySpan<byte> Text => text;

        /// <summary>Copies the id, name and plan, when they fit.</summary>
        /// <returns><see langword="false"/> when they are longer than the room for them.</returns>
        public bool TrySetText(ReadOnlySpan<byte> id, ReadOnlySpan<byte> name, ReadOnlySpan<byte> plan)
        {
            if (id.Length + name.Length + plan.Length > TextRoom)
            {
                return false;
            }

            Span<byte> room = text;
            id.CopyTo(room);
            name.CopyTo(room[id.Length..]);
            plan.CopyTo(room[(id.Length + name.Length)..]);
            idLength = (byte)id.Length;
            nameLength = (byte)name.Length;
            planLength = (byte)plan.Length;
            return true;
        }

        private void Set(ref int field, Known flag, int? value)
        {
            field = value.GetValueOrDefault();
            known = value.HasValue ? known | flag : known & ~flag;
        }

        [InlineArray(TextRoom)]
        private struct TextBytes
        {
            private byte first;
        }
    }

    /// <summary>
    /// One chunk of accounts as columns (an <see cref="AccountColumnBuffer"/>), their ids, names and plans, and room
    /// for the results; reused from chunk to chunk.
    /// </summary>
    internal sealed class Chunk(int capacity, ScoringModel model)
    {
        private readonly Account?[] parsed = new Account?[capacity];
        private readonly Extra[] extras = new Extra[capacity];
        private byte[] texts = new byte[capacity * 24];
        private int textBytes;
        private readonly int[] idStart = new int[capacity];
        private readonly int[] idLength = new int[capacity];
        private byte[] ids = new byte[capacity * 16];
        private int idBytes;

        public AccountColumnBuffer Accounts { get; } = new(capacity);

        public int Count => Accounts.Count;

        public double[] Composite { get; } = new double[capacity];

        public double[] Probability { get; } = new double[capacity];

        public double[] Opportunity { get; } = new double[capacity];

        public ScoreOutcome[] Outcome { get; } = new ScoreOutcome[capacity];

        /// <summary>Gets account <paramref name="i"/>'s id as UTF-8.</summary>
        public ReadOnlySpan<byte> Id(int i) => ids.AsSpan(idStart[i], idLength[i]);

        /// <summary>Gets account <paramref name="i"/>'s name and plan as the span reader read them (UTF-8); <see langword="false"/> for an account the full parser built.</summary>
        public bool TryGetText(int i, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> plan)
        {
            if (parsed[i] is not null)
            {
                name = plan = default;
                return false;
            }

            var e = extras[i];
            name = texts.AsSpan(e.Text, e.NameLength);
            plan = texts.AsSpan(e.Text + e.NameLength, e.PlanLength);
            return true;
        }

        /// <summary>Adds an account the span reader read; its id is ASCII, its name and plan UTF-8 as read.</summary>
        public void Add(ReadOnlySpan<byte> id, ReadOnlySpan<byte> name, ReadOnlySpan<byte> plan, int? purchased, int? active, int? days, DateOnly? renewal, in AccountRow row)
        {
            Reserve(id.Length);
            id.CopyTo(ids.AsSpan(idBytes));
            if (textBytes + name.Length + plan.Length > texts.Length)
            {
                Array.Resize(ref texts, Math.Max(texts.Length * 2, textBytes + name.Length + plan.Length));
            }

            int at = textBytes;
            name.CopyTo(texts.AsSpan(at));
            plan.CopyTo(texts.AsSpan(at + name.Length));
            textBytes += name.Length + plan.Length;
            int i = Count;
            parsed[i] = null;
            extras[i] = new Extra(at, name.Length, plan.Length, purchased, active, days, renewal);
            AddId(id.Length);
            Accounts.Add(row);
        }

        /// <summary>
        /// Gets account <paramref name="i"/> whole, as the full parser would have built it: for the few accounts a
        /// summary needs in full (the top offers' names and labels).
        /// </summary>
        public Account AccountAt(int i) => AccountAt(i, Accounts.Columns, null);

        /// <inheritdoc cref="AccountAt(int)"/>
        /// <param name="i">The account's index in the chunk.</param>
        /// <param name="c">The chunk's <see cref="AccountColumnBuffer.Columns"/>, taken once for many accounts.</param>
        /// <param name="plans">The plan names this thread has made strings of, so a book's few plans are made once; or <see langword="null"/>.</param>
        public Account AccountAt(int i, in AccountColumns c, PlanNames? plans)
        {
            if (parsed[i] is { } account)
            {
                return account;
            }

            var e = extras[i];
            static double? Known(double v) => double.IsNaN(v) ? null : v;
            string name = Encoding.UTF8.GetString(texts, e.Text, e.NameLength);
            var planBytes = new ReadOnlySpan<byte>(texts, e.Text + e.NameLength, e.PlanLength);
            string plan = plans is not null ? plans.Get(planBytes) : Encoding.UTF8.GetString(planBytes);
            return new Account
            {
                Id = Encoding.UTF8.GetString(Id(i)),
                Name = string.IsNullOrWhiteSpace(name) ? null : name, // as read, untrimmed, as CsvAccountSource.Value gives it to the full parser
                Plan = string.IsNullOrWhiteSpace(plan) ? null : plan,
                Segment = c.Segment[i],
                Arr = c.Arr[i],
                Signals = SignalValues.Of(Known(c.PlanFit[i]), Known(c.Velocity[i]), Known(c.Engagement[i]), Known(c.Champion[i]), Known(c.Triggers[i])),
                SeatsPurchased = e.Purchased,
                SeatsActive = e.Active,
                SeatSaturation = Known(c.SeatSaturation[i]), // as read, or active ÷ purchased as the account itself would resolve it
                DaysToRenewal = e.Days,
                RenewalDate = e.Renewal,
                HealthScore = Known(c.HealthScore[i]),
                OpenP1P2Tickets = double.IsNaN(c.OpenP1P2Tickets[i]) ? null : (int)c.OpenP1P2Tickets[i],
                ContractStartDate = c.ContractStart[i] == default ? null : c.ContractStart[i],
            };
        }

        /// <summary>Adds an account the full parser built: the values the general engine would read from it.</summary>
        public void Add(Account account, DateOnly asOf)
        {
            Reserve(Encoding.UTF8.GetMaxByteCount(account.Id.Length));
            parsed[Count] = account;
            AddId(Encoding.UTF8.GetBytes(account.Id, ids.AsSpan(idBytes)));
            Accounts.Add(account, asOf, model);
        }

        public ScoreColumns Results(int n) => new()
        {
            Composite = Composite.AsSpan(0, n),
            Probability = Probability.AsSpan(0, n),
            Opportunity = Opportunity.AsSpan(0, n),
            Outcome = Outcome.AsSpan(0, n),
        };

        public void Clear()
        {
            Accounts.Clear();
            Array.Clear(parsed);
            idBytes = 0;
            textBytes = 0;
        }

        private void Reserve(int bytes)
        {
            if (idBytes + bytes > ids.Length)
            {
                Array.Resize(ref ids, Math.Max(ids.Length * 2, idBytes + bytes));
            }
        }

        /// <summary>Records the id just copied to the end of the buffer as account <see cref="Count"/>'s.</summary>
        private void AddId(int length)
        {
            int i = Count;
            idStart[i] = idBytes;
            idLength[i] = length;
            idBytes += length;
        }

        /// <summary>What the columns do not keep of a span-read account: where its name and plan are, and its fields as read.</summary>
        private readonly record struct Extra(int Text, int NameLength, int PlanLength, int? Purchased, int? Active, int? Days, DateOnly? Renewal);
    }
}
