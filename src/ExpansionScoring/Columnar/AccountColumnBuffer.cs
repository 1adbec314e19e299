using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Columnar;

/// <summary>
/// A growable book of accounts held as columns, ready for <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>:
/// add accounts as <see cref="AccountRow"/>s or as <see cref="Account"/> records, then score <see cref="Columns"/>.
/// Reuse one buffer for chunk after chunk with <see cref="Clear"/>; it allocates only when it grows.
/// </summary>
public sealed class AccountColumnBuffer
{
    private Segment[] segment;

    // The built-in signals' columns by SignalKey id.
    private readonly double[][] signals;
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
        signals = new double[BuiltInSignals.Count][];
        for (int id = 0; id < signals.Length; id++)
        {
            signals[id] = new double[capacity];
        }

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
    public AccountColumns Columns => new(Signal(0), Signal(1), Signal(2), Signal(3), Signal(4), Signal(5), Signal(6), Signal(7))
    {
        Segment = segment.AsSpan(0, Count),
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
        var values = row.Signals;
        for (int id = 0; id < signals.Length; id++)
        {
            signals[id][i] = values[id];
        }

        arr[i] = row.Arr;
        seatSaturation[i] = row.SeatSaturation;
        daysToRenewal[i] = row.DaysToRenewal;
        healthScore[i] = row.HealthScore;
        tickets[i] = row.OpenP1P2Tickets;
        contractStart[i] = row.ContractStart;
        Count = i + 1;
    }

    /// <summary>
    /// Adds an account record as the columns the general engine would score: its built-in signal values as
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
        // Every model reads the built-in signals first, in id order, so slot i holds the built-in signal with id i.
        Span<double> values = stackalloc double[model.Signals.Count];
        model.ReadSignalValues(account, asOf, values);
        var builtIn = AccountRow.SignalRow.Missing;
        values[..BuiltInSignals.Count].CopyTo(builtIn);
        Add(new AccountRow(builtIn)
        {
            Segment = account.Segment,
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

    /// <summary>The added values of the built-in signal with id <paramref name="id"/>; empty past the built-in signals.</summary>
    private ReadOnlySpan<double> Signal(int id) => id < signals.Length ? signals[id].AsSpan(0, Count) : default;

    private void Grow()
    {
        int size = Math.Max(16, arr.Length * 2);
        Array.Resize(ref segment, size);
        for (int id = 0; id < signals.Length; id++)
        {
            Array.Resize(ref signals[id], size);
        }

        Array.Resize(ref arr, size);
        Array.Resize(ref seatSaturation, size);
        Array.Resize(ref daysToRenewal, size);
        Array.Resize(ref healthScore, size);
        Array.Resize(ref tickets, size);
        Array.Resize(ref contractStart, size);
    }
}
