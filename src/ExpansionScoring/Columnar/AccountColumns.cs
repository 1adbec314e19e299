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
/// <para>The batch path trusts its input, as a columnar kernel must: ranges are not re-checked per row (signals
/// 0..100, ARR and ticket counts non-negative, whole days to renewal). Validate where the data enters your system,
/// as the command-line tool does.</para>
/// </remarks>
public readonly ref struct AccountColumns
{
    /// <summary>Gets the number of accounts: the length of <see cref="Arr"/>.</summary>
    public int Count => Arr.Length;

    /// <summary>Gets each account's segment. Empty: every account is <see cref="Segment.MidMarket"/>, as <see cref="Account"/> defaults (SPEC §3).</summary>
    public ReadOnlySpan<Segment> Segment { get; init; }

    /// <summary>
    /// Gets the Plan-Fit signal, 0..100; NaN where missing, in which case it is derived from <see cref="SeatSaturation"/>
    /// as the default PlanFit scorer does (100 × min(1, saturation)).
    /// </summary>
    public ReadOnlySpan<double> PlanFit { get; init; }

    /// <summary>Gets the Velocity signal, 0..100; NaN where missing.</summary>
    public ReadOnlySpan<double> Velocity { get; init; }

    /// <summary>Gets the Engagement signal, 0..100; NaN where missing.</summary>
    public ReadOnlySpan<double> Engagement { get; init; }

    /// <summary>Gets the Champion signal, 0..100; NaN where missing.</summary>
    public ReadOnlySpan<double> Champion { get; init; }

    /// <summary>Gets the Triggers signal, 0..100; NaN where missing.</summary>
    public ReadOnlySpan<double> Triggers { get; init; }

    /// <summary>Gets each account's annual recurring revenue (required; its length is <see cref="Count"/>).</summary>
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

    internal void Validate()
    {
        int n = Count;
        Check(Segment.Length, n, nameof(Segment));
        Check(PlanFit.Length, n, nameof(PlanFit));
        Check(Velocity.Length, n, nameof(Velocity));
        Check(Engagement.Length, n, nameof(Engagement));
        Check(Champion.Length, n, nameof(Champion));
        Check(Triggers.Length, n, nameof(Triggers));
        Check(SeatSaturation.Length, n, nameof(SeatSaturation));
        Check(DaysToRenewal.Length, n, nameof(DaysToRenewal));
        Check(HealthScore.Length, n, nameof(HealthScore));
        Check(OpenP1P2Tickets.Length, n, nameof(OpenP1P2Tickets));
        Check(ContractStart.Length, n, nameof(ContractStart));
    }

    /// <summary>Returns account <paramref name="i"/> as a row; an empty column reads as missing.</summary>
    internal AccountRow Row(int i) => new()
    {
        Segment = Segment.IsEmpty ? ExpansionScoring.Segment.MidMarket : Segment[i],
        PlanFit = At(PlanFit, i),
        Velocity = At(Velocity, i),
        Engagement = At(Engagement, i),
        Champion = At(Champion, i),
        Triggers = At(Triggers, i),
        Arr = Arr[i],
        SeatSaturation = At(SeatSaturation, i),
        DaysToRenewal = At(DaysToRenewal, i),
        HealthScore = At(HealthScore, i),
        OpenP1P2Tickets = At(OpenP1P2Tickets, i),
        ContractStart = ContractStart.IsEmpty ? default : ContractStart[i],
    };

    internal AccountColumns Slice(int start, int length) => new()
    {
        Segment = Part(Segment, start, length),
        PlanFit = Part(PlanFit, start, length),
        Velocity = Part(Velocity, start, length),
        Engagement = Part(Engagement, start, length),
        Champion = Part(Champion, start, length),
        Triggers = Part(Triggers, start, length),
        Arr = Arr.Slice(start, length),
        SeatSaturation = Part(SeatSaturation, start, length),
        DaysToRenewal = Part(DaysToRenewal, start, length),
        HealthScore = Part(HealthScore, start, length),
        OpenP1P2Tickets = Part(OpenP1P2Tickets, start, length),
        ContractStart = Part(ContractStart, start, length),
    };

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
