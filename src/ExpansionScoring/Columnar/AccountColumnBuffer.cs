using ExpansionScoring.Internal;

namespace ExpansionScoring.Columnar;

/// <summary>
/// A growable book of accounts held as columns, ready for <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>:
/// add accounts as <see cref="AccountRow"/>s or as <see cref="Account"/> records, then score <see cref="Columns"/>.
/// Reuse one buffer for chunk after chunk with <see cref="Clear"/>; it allocates only when it grows.
/// </summary>
public sealed class AccountColumnBuffer
{
    private Segment[] segment;
    private double[] planFit;
    private double[] velocity;
    private double[] engagement;
    private double[] champion;
    private double[] triggers;
    private double[] arr;
    private double[] seatSaturation;
    private double[] daysToRenewal;
    private double[] healthScore;
    private double[] tickets;
    private DateOnly[] contractStart;

    /// <summary>Initializes a new instance of the <see cref="AccountColumnBuffer"/> class.</summary>
    /// <param name="capacity">The number of accounts to make room for; the buffer grows past it as needed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public AccountColumnBuffer(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        segment = new Segment[capacity];
        planFit = new double[capacity];
        velocity = new double[capacity];
        engagement = new double[capacity];
        champion = new double[capacity];
        triggers = new double[capacity];
        arr = new double[capacity];
        seatSaturation = new double[capacity];
        daysToRenewal = new double[capacity];
        healthScore = new double[capacity];
        tickets = new double[capacity];
        contractStart = new DateOnly[capacity];
    }

    /// <summary>Gets the number of accounts added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the columns of the accounts added, valid until the next <see cref="Add(in AccountRow)"/> or <see cref="Clear"/>.</summary>
    public AccountColumns Columns => new()
    {
        Segment = segment.AsSpan(0, Count),
        PlanFit = planFit.AsSpan(0, Count),
        Velocity = velocity.AsSpan(0, Count),
        Engagement = engagement.AsSpan(0, Count),
        Champion = champion.AsSpan(0, Count),
        Triggers = triggers.AsSpan(0, Count),
        Arr = arr.AsSpan(0, Count),
        SeatSaturation = seatSaturation.AsSpan(0, Count),
        DaysToRenewal = daysToRenewal.AsSpan(0, Count),
        HealthScore = healthScore.AsSpan(0, Count),
        OpenP1P2Tickets = tickets.AsSpan(0, Count),
        ContractStart = contractStart.AsSpan(0, Count),
    };

    /// <summary>Gets account <paramref name="index"/> as a row.</summary>
    /// <param name="index">The account's position, 0 to <see cref="Count"/> − 1.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the accounts added.</exception>
    public AccountRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return Columns.Row(index);
        }
    }

    /// <summary>Adds one account given as plain numbers.</summary>
    /// <param name="row">The account.</param>
    public void Add(in AccountRow row)
    {
        int i = Count;
        if (i == arr.Length)
        {
            Grow();
        }

        segment[i] = row.Segment;
        planFit[i] = row.PlanFit;
        velocity[i] = row.Velocity;
        engagement[i] = row.Engagement;
        champion[i] = row.Champion;
        triggers[i] = row.Triggers;
        arr[i] = row.Arr;
        seatSaturation[i] = row.SeatSaturation;
        daysToRenewal[i] = row.DaysToRenewal;
        healthScore[i] = row.HealthScore;
        tickets[i] = row.OpenP1P2Tickets;
        contractStart[i] = row.ContractStart;
        Count = i + 1;
    }

    /// <summary>
    /// Adds an account record as the columns the general engine would score: its five built-in signal values as
    /// <paramref name="model"/> reads them (direct values, or derived from telemetry by the built-in scorers, with the
    /// model's freshness rules), its seat saturation, its days to renewal resolved against <paramref name="asOf"/>, and
    /// its gate inputs. A window override is not carried over: the columns hold the computed window only.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date the book is scored as of.</param>
    /// <param name="model">The model whose signal reading applies; <see langword="null"/> for <see cref="ScoringModel.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    public void Add(Account account, DateOnly asOf, ScoringModel? model = null)
    {
        Guard.NotNull(account);
        model ??= ScoringModel.Default;
        Span<double> values = stackalloc double[Math.Max(5, model.Signals.Count)];
        model.ReadSignalValues(account, asOf, values[..model.Signals.Count]);
        Add(new AccountRow
        {
            Segment = account.Segment,
            PlanFit = values[0],
            Velocity = values[1],
            Engagement = values[2],
            Champion = values[3],
            Triggers = values[4],
            Arr = account.Arr,
            SeatSaturation = account.GetSeatSaturation() ?? double.NaN,
            DaysToRenewal = account.GetDaysToRenewal(asOf) ?? double.NaN,
            HealthScore = account.HealthScore ?? double.NaN,
            OpenP1P2Tickets = account.OpenP1P2Tickets ?? double.NaN,
            ContractStart = account.ContractStartDate ?? default,
        });
    }

    /// <summary>Removes every account, keeping the room.</summary>
    public void Clear() => Count = 0;

    private void Grow()
    {
        int size = Math.Max(16, arr.Length * 2);
        Array.Resize(ref segment, size);
        Array.Resize(ref planFit, size);
        Array.Resize(ref velocity, size);
        Array.Resize(ref engagement, size);
        Array.Resize(ref champion, size);
        Array.Resize(ref triggers, size);
        Array.Resize(ref arr, size);
        Array.Resize(ref seatSaturation, size);
        Array.Resize(ref daysToRenewal, size);
        Array.Resize(ref healthScore, size);
        Array.Resize(ref tickets, size);
        Array.Resize(ref contractStart, size);
    }
}
