using ExpansionScoring.Signals;

namespace ExpansionScoring.Columnar;

/// <summary>
/// A book of accounts as columns, one span per field, for <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>.
/// Row <c>i</c> of every column is account <c>i</c>. <see cref="Arr"/> is required and sets <see cref="Count"/>; every other
/// column is optional: leave it empty when the whole book lacks that field, or give exactly <see cref="Count"/> values.
/// </summary>
/// <remarks>
/// <para>Missing values: <see cref="double.NaN"/> in a <see cref="double"/> column (a missing signal, unknown seat
/// saturation or renewal, no health score or ticket count), <see langword="default"/> (<c>0001-01-01</c>) in
/// <see cref="ContractStart"/>. Signals are the values the engine would read directly (0..100), as the reference
/// calculator takes them; derive them from telemetry first if that is what you hold.</para>
/// <para>The built-in signals' columns are held by <see cref="SignalKey"/> id, one span per built-in signal (see
/// <see cref="this[SignalKey]"/>); <see cref="PlanFit"/>, <see cref="Velocity"/> and the other named signal members are
/// views of the same spans.</para>
/// <para>The batch path trusts its input, as a columnar kernel must: ranges are not re-checked per row (signals
/// 0..100, ARR and ticket counts non-negative, whole days to renewal). Validate where the data enters your system,
/// as the command-line tool does.</para>
/// </remarks>
public readonly ref struct AccountColumns
{
    // The built-in signals' columns by SignalKey id; room for BuiltInSignals.Capacity of them.
    private readonly ReadOnlySpan<double> signal0;
    private readonly ReadOnlySpan<double> signal1;
    private readonly ReadOnlySpan<double> signal2;
    private readonly ReadOnlySpan<double> signal3;
    private readonly ReadOnlySpan<double> signal4;
    private readonly ReadOnlySpan<double> signal5;
    private readonly ReadOnlySpan<double> signal6;
    private readonly ReadOnlySpan<double> signal7;

    /// <summary>Initializes the signal columns by id, for the library's own builders; the other columns are set by initializers.</summary>
    internal AccountColumns(ReadOnlySpan<double> signal0, ReadOnlySpan<double> signal1, ReadOnlySpan<double> signal2, ReadOnlySpan<double> signal3, ReadOnlySpan<double> signal4, ReadOnlySpan<double> signal5, ReadOnlySpan<double> signal6, ReadOnlySpan<double> signal7)
    {
        this.signal0 = signal0;
        this.signal1 = signal1;
        this.signal2 = signal2;
        this.signal3 = signal3;
        this.signal4 = signal4;
        this.signal5 = signal5;
        this.signal6 = signal6;
        this.signal7 = signal7;
    }

    /// <summary>Gets the number of accounts: the length of <see cref="Arr"/>.</summary>
    public int Count => Arr.Length;

    /// <summary>Gets each account's segment. Empty: every account is <see cref="Account.DefaultSegment"/> (SPEC §3).</summary>
    public ReadOnlySpan<Segment> Segment { get; init; }

    /// <summary>
    /// Gets the Plan-Fit signal, 0..100; NaN where missing, in which case it is derived from <see cref="SeatSaturation"/>
    /// as the default PlanFit scorer does (100 × min(1, saturation)). The same span as <c>this[SignalKey.PlanFit]</c>.
    /// </summary>
    public ReadOnlySpan<double> PlanFit { get => signal0; init => signal0 = value; }

    /// <summary>Gets the Velocity signal, 0..100; NaN where missing. The same span as <c>this[SignalKey.Velocity]</c>.</summary>
    public ReadOnlySpan<double> Velocity { get => signal1; init => signal1 = value; }

    /// <summary>Gets the Engagement signal, 0..100; NaN where missing. The same span as <c>this[SignalKey.Engagement]</c>.</summary>
    public ReadOnlySpan<double> Engagement { get => signal2; init => signal2 = value; }

    /// <summary>Gets the Champion signal, 0..100; NaN where missing. The same span as <c>this[SignalKey.Champion]</c>.</summary>
    public ReadOnlySpan<double> Champion { get => signal3; init => signal3 = value; }

    /// <summary>Gets the Triggers signal, 0..100; NaN where missing. The same span as <c>this[SignalKey.Triggers]</c>.</summary>
    public ReadOnlySpan<double> Triggers { get => signal4; init => signal4 = value; }

    /// <summary>Gets the annual recurring revenue (required; its length is <see cref="Count"/>).</summary>
    public ReadOnlySpan<double> Arr { get; init; }

    /// <summary>
    /// Gets the seat saturation ratio (0.92 = 92 %); NaN where unknown, in which case the offer rules read PlanFit / 100
    /// when <see cref="Offers.OfferOptions.SeatSaturationFromPlanFit"/> is on, as the general engine does.
    /// </summary>
    public ReadOnlySpan<double> SeatSaturation { get; init; }

    /// <summary>Gets the whole days until renewal, resolved against the as-of date; NaN where unknown.</summary>
    public ReadOnlySpan<double> DaysToRenewal { get; init; }

    /// <summary>Gets the health score 0..100 for the health gate; NaN where unknown (gate not evaluated).</summary>
    public ReadOnlySpan<double> HealthScore { get; init; }

    /// <summary>Gets the number of open P1/P2 tickets for the support gate; NaN where unknown (gate not evaluated).</summary>
    public ReadOnlySpan<double> OpenP1P2Tickets { get; init; }

    /// <summary>Gets the contract start date for the tenure gate; <see langword="default"/> where unknown (gate not evaluated).</summary>
    public ReadOnlySpan<DateOnly> ContractStart { get; init; }

    /// <summary>Gets a built-in signal's column, 0..100; NaN where missing, empty when the book lacks the signal.</summary>
    /// <param name="signal">A built-in signal (<see cref="SignalKey.BuiltIn"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="signal"/> is not built in: the columns hold the built-in signals only.</exception>
    public ReadOnlySpan<double> this[SignalKey signal]
    {
        get => Signal(BuiltInId(signal));
        init
        {
            switch (BuiltInId(signal))
            {
                case 0:
                    signal0 = value;
                    break;
                case 1:
                    signal1 = value;
                    break;
                case 2:
                    signal2 = value;
                    break;
                case 3:
                    signal3 = value;
                    break;
                case 4:
                    signal4 = value;
                    break;
                case 5:
                    signal5 = value;
                    break;
                case 6:
                    signal6 = value;
                    break;
                default:
                    signal7 = value;
                    break;
            }
        }
    }

    /// <summary>Returns a copy with a built-in signal's column set, for code that fills the columns signal by signal (over <see cref="SignalKey.BuiltIn"/>, say).</summary>
    /// <param name="signal">A built-in signal.</param>
    /// <param name="column">Its column, 0..100, NaN where missing; empty when the book lacks it.</param>
    /// <returns>The copy; these columns are unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="signal"/> is not built in.</exception>
    public AccountColumns WithSignal(SignalKey signal, ReadOnlySpan<double> column)
    {
        int id = BuiltInId(signal);
        return new(
            id == 0 ? column : signal0, id == 1 ? column : signal1, id == 2 ? column : signal2, id == 3 ? column : signal3,
            id == 4 ? column : signal4, id == 5 ? column : signal5, id == 6 ? column : signal6, id == 7 ? column : signal7)
        {
            Segment = Segment,
            Arr = Arr,
            SeatSaturation = SeatSaturation,
            DaysToRenewal = DaysToRenewal,
            HealthScore = HealthScore,
            OpenP1P2Tickets = OpenP1P2Tickets,
            ContractStart = ContractStart,
        };
    }

    /// <summary>Returns the column of the built-in signal with id <paramref name="id"/> (0 to <see cref="BuiltInSignals.Count"/> − 1).</summary>
    internal ReadOnlySpan<double> Signal(int id) => id switch
    {
        0 => signal0,
        1 => signal1,
        2 => signal2,
        3 => signal3,
        4 => signal4,
        5 => signal5,
        6 => signal6,
        _ => signal7,
    };

    internal void Validate()
    {
        int n = Count;
        Check(Segment.Length, n, nameof(Segment));
        for (int id = 0; id < BuiltInSignals.Count; id++)
        {
            Check(Signal(id).Length, n, BuiltInSignals.All[id].Name);
        }

        Check(SeatSaturation.Length, n, nameof(SeatSaturation));
        Check(DaysToRenewal.Length, n, nameof(DaysToRenewal));
        Check(HealthScore.Length, n, nameof(HealthScore));
        Check(OpenP1P2Tickets.Length, n, nameof(OpenP1P2Tickets));
        Check(ContractStart.Length, n, nameof(ContractStart));
    }

    /// <summary>Returns account <paramref name="i"/> as a row; an empty column reads as missing.</summary>
    internal AccountRow Row(int i)
    {
        var signals = new AccountRow.SignalRow();
        for (int id = 0; id < BuiltInSignals.Count; id++)
        {
            signals[id] = At(Signal(id), i);
        }

        return new AccountRow(signals)
        {
            Segment = Segment.IsEmpty ? Account.DefaultSegment : Segment[i],
            Arr = Arr[i],
            SeatSaturation = At(SeatSaturation, i),
            DaysToRenewal = At(DaysToRenewal, i),
            HealthScore = At(HealthScore, i),
            OpenP1P2Tickets = At(OpenP1P2Tickets, i),
            ContractStart = ContractStart.IsEmpty ? default : ContractStart[i],
        };
    }

    internal AccountColumns Slice(int start, int length) => new(
        Part(signal0, start, length), Part(signal1, start, length), Part(signal2, start, length), Part(signal3, start, length),
        Part(signal4, start, length), Part(signal5, start, length), Part(signal6, start, length), Part(signal7, start, length))
    {
        Segment = Part(Segment, start, length),
        Arr = Arr.Slice(start, length),
        SeatSaturation = Part(SeatSaturation, start, length),
        DaysToRenewal = Part(DaysToRenewal, start, length),
        HealthScore = Part(HealthScore, start, length),
        OpenP1P2Tickets = Part(OpenP1P2Tickets, start, length),
        ContractStart = Part(ContractStart, start, length),
    };

    private static int BuiltInId(SignalKey signal)
        => signal.IsBuiltIn ? signal.Id : throw new ArgumentException($"'{signal}' is not a built-in signal; the columns hold the built-in signals ({string.Join(", ", SignalKey.BuiltIn)}).", nameof(signal));

    private static double At(ReadOnlySpan<double> column, int i) => column.IsEmpty ? double.NaN : column[i];

    private static ReadOnlySpan<T> Part<T>(ReadOnlySpan<T> column, int start, int length) => column.IsEmpty ? column : column.Slice(start, length);

    private static void Check(int length, int count, string column)
    {
        if (length != 0 && length != count)
        {
            throw new ArgumentException($"Column {column} holds {length} values but Arr holds {count}; give one value per account, or leave the column empty when the book lacks it.", column);
        }
    }
}
