using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using ExpansionScoring.Columnar;

namespace ExpansionScoring.Arrow;

/// <summary>
/// An Apache Arrow <see cref="RecordBatch"/> read as the batch path's <see cref="AccountColumns"/>, for
/// <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>. Columns are found by the canonical CSV
/// header's names (<c>arr</c>, <c>segment</c>, <c>plan_fit</c>, <c>velocity</c>, <c>engagement</c>, <c>champion</c>,
/// <c>triggers</c>, <c>seat_saturation</c>, <c>seats_purchased</c>, <c>seats_active</c>, <c>days_to_renewal</c>,
/// <c>renewal_date</c>, <c>health_score</c>, <c>open_p1_p2_tickets</c>, <c>contract_start_date</c>), in any case;
/// other columns (<c>account_id</c>, <c>name</c>, <c>plan</c>, your own) are left alone. Row <c>i</c> of the batch is
/// account <c>i</c>.
/// </summary>
/// <remarks>
/// <para>A double column without nulls is read in place (no copy); any other number column (float, integers, or
/// doubles with nulls) is converted once, a null becoming a missing value. <c>arr</c> is required and may hold no
/// null. Dates are Arrow dates or timestamps (the calendar date as stored); <c>segment</c> is text
/// (<c>SMB</c>, <c>MidMarket</c> or <c>Mid-Market</c>, <c>Enterprise</c>, any case; null is <see cref="Account.DefaultSegment"/>).</para>
/// <para>The values are checked as an <see cref="Account"/> checks them (ARR 0 to <see cref="Account.MaxArr"/>, signals
/// and health 0..100, counts non-negative), because the batch path trusts its input. A batch with raw telemetry
/// columns (<c>usage_trend_pct</c>, <c>trigger_events</c>, …) is refused: derive the signals first, or score
/// <see cref="Account"/> records, which derive them.</para>
/// <para>The columns read in place stay valid while the batch does: keep the batch alive (and undisposed) while
/// <see cref="Columns"/> is in use.</para>
/// </remarks>
public sealed class ArrowAccountColumns
{
    private static readonly string[] Telemetry =
    [
        "usage_trend_pct", "features_used", "features_available", "active_departments", "champion_level",
        "exec_sponsor", "champion_last_touch_days", "trigger_events",
    ];

    private readonly Column arr;
    private readonly Segment[] segment;
    private readonly Column planFit;
    private readonly Column velocity;
    private readonly Column engagement;
    private readonly Column champion;
    private readonly Column triggers;
    private readonly Column seatSaturation;
    private readonly Column daysToRenewal;
    private readonly Column healthScore;
    private readonly Column tickets;
    private readonly DateOnly[] contractStart;

    /// <summary>Initializes a new instance of the <see cref="ArrowAccountColumns"/> class: finds, checks and, where needed, converts the batch's columns.</summary>
    /// <param name="batch">The accounts, one row each, columns named as the canonical CSV header.</param>
    /// <param name="asOf">The scoring date, against which <c>renewal_date</c> becomes days to renewal.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <c>arr</c> is missing or holds a null; a column has a type it cannot hold (naming the column, its type and the
    /// types expected); a value is out of range (naming the column, row and value); or the batch holds raw telemetry.
    /// </exception>
    public ArrowAccountColumns(RecordBatch batch, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Count = batch.Length;
        foreach (string name in Telemetry)
        {
            if (Find(batch, name) is not null)
            {
                throw new ArgumentException($"Column '{name}' is raw telemetry, which the batch path does not derive signals from; derive the five signals first, or score Account records.", nameof(batch));
            }
        }

        arr = Numbers(batch, "arr", 0, Account.MaxArr, required: true);
        segment = Segments(batch);
        planFit = Numbers(batch, "plan_fit", 0, 100);
        velocity = Numbers(batch, "velocity", 0, 100);
        engagement = Numbers(batch, "engagement", 0, 100);
        champion = Numbers(batch, "champion", 0, 100);
        triggers = Numbers(batch, "triggers", 0, 100);
        healthScore = Numbers(batch, "health_score", 0, 100);
        tickets = Numbers(batch, "open_p1_p2_tickets", 0, int.MaxValue, whole: true);
        contractStart = Dates(batch, "contract_start_date") ?? [];

        // As an Account resolves them: saturation from the seats when not given, days from the renewal date.
        seatSaturation = Numbers(batch, "seat_saturation", 0, double.MaxValue);
        var purchased = Numbers(batch, "seats_purchased", 0, int.MaxValue, whole: true);
        var active = Numbers(batch, "seats_active", 0, int.MaxValue, whole: true);
        if (!purchased.IsEmpty && !active.IsEmpty)
        {
            seatSaturation = seatSaturation.Fill(Count, i => purchased[i] > 0 && !double.IsNaN(active[i]) ? active[i] / purchased[i] : double.NaN);
        }

        daysToRenewal = Numbers(batch, "days_to_renewal", int.MinValue, int.MaxValue, whole: true);
        if (Dates(batch, "renewal_date") is { } renewal)
        {
            daysToRenewal = daysToRenewal.Fill(Count, i => renewal[i] == default ? double.NaN : renewal[i].DayNumber - asOf.DayNumber);
        }
    }

    /// <summary>Gets the number of accounts: the batch's rows.</summary>
    public int Count { get; }

    /// <summary>Gets the accounts as columns; the ones read in place are valid while the batch is.</summary>
    public AccountColumns Columns => new()
    {
        Arr = arr.Values,
        Segment = segment,
        PlanFit = planFit.Values,
        Velocity = velocity.Values,
        Engagement = engagement.Values,
        Champion = champion.Values,
        Triggers = triggers.Values,
        SeatSaturation = seatSaturation.Values,
        DaysToRenewal = daysToRenewal.Values,
        HealthScore = healthScore.Values,
        OpenP1P2Tickets = tickets.Values,
        ContractStart = contractStart,
    };

    private static IArrowArray? Find(RecordBatch batch, string name)
    {
        var fields = batch.Schema.FieldsList;
        for (int c = 0; c < fields.Count; c++)
        {
            if (string.Equals(fields[c].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return batch.Column(c);
            }
        }

        return null;
    }

    private static string TypeName(IArrowArray array) => array.Data.DataType.Name;

    /// <summary>A number column: in place for doubles without nulls, else converted; empty when the batch lacks it.</summary>
    private static Column Numbers(RecordBatch batch, string name, double min, double max, bool required = false, bool whole = false)
    {
        var array = Find(batch, name);
        if (array is null)
        {
            return required
                ? throw new ArgumentException($"Column '{name}' is missing; every account needs its ARR (a number column named '{name}').", nameof(batch))
                : default;
        }

        var column = array switch
        {
            DoubleArray d when d.NullCount == 0 => new Column(d, null),
            DoubleArray d => Convert<double>(d),
            FloatArray f => Convert<float>(f),
            Int8Array a => Convert<sbyte>(a),
            Int16Array a => Convert<short>(a),
            Int32Array a => Convert<int>(a),
            Int64Array a => Convert<long>(a),
            UInt8Array a => Convert<byte>(a),
            UInt16Array a => Convert<ushort>(a),
            UInt32Array a => Convert<uint>(a),
            UInt64Array a => Convert<ulong>(a),
            _ => throw new ArgumentException($"Column '{name}' holds {TypeName(array)} values; expected numbers (double, float or integer).", nameof(batch)),
        };

        var values = column.Values;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                if (required)
                {
                    throw new ArgumentException($"Column '{name}' has no value at row {i}; every account needs one.", nameof(batch));
                }

                continue;
            }

            if (!(v >= min && v <= max) || (whole && v != Math.Floor(v)))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{name}' holds {v} at row {i}; expected {(whole ? "a whole number" : "a number")} from {min} to {max}."), nameof(batch));
            }
        }

        return column;
    }

    private static Column Convert<T>(PrimitiveArray<T> array)
        where T : struct, INumberBase<T>
    {
        var converted = new double[array.Length];
        var values = array.Values;
        for (int i = 0; i < converted.Length; i++)
        {
            converted[i] = array.IsNull(i) ? double.NaN : double.CreateChecked(values[i]);
        }

        return new Column(null, converted);
    }

    private static Segment[] Segments(RecordBatch batch)
    {
        var array = Find(batch, "segment");
        if (array is null)
        {
            return [];
        }

        Func<int, string?> text = array switch
        {
            StringArray s => i => s.GetString(i),
            DictionaryArray { Dictionary: StringArray words } d => i => d.IsNull(i) ? null : words.GetString(Index(d.Indices, i)),
            _ => throw new ArgumentException($"Column 'segment' holds {TypeName(array)} values; expected text (SMB, MidMarket or Enterprise).", nameof(batch)),
        };
        var segments = new Segment[array.Length];
        for (int i = 0; i < segments.Length; i++)
        {
            string? value = text(i);
            segments[i] = value is null ? Account.DefaultSegment
                : Enum.TryParse<Segment>(value.Replace("-", string.Empty, StringComparison.Ordinal).Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(value.TrimStart()[0]) ? s
                : throw new ArgumentException($"Column 'segment' holds '{value}' at row {i}; expected SMB, MidMarket or Enterprise.", nameof(batch));
        }

        return segments;
    }

    private static int Index(IArrowArray indices, int i) => indices switch
    {
        Int8Array a => a.GetValue(i) ?? 0,
        Int16Array a => a.GetValue(i) ?? 0,
        Int32Array a => a.GetValue(i) ?? 0,
        UInt8Array a => a.GetValue(i) ?? 0,
        UInt16Array a => a.GetValue(i) ?? 0,
        _ => checked((int)(((Int64Array)indices).GetValue(i) ?? 0)),
    };

    /// <summary>A date column as calendar dates, <see langword="default"/> where null; <see langword="null"/> when the batch lacks it.</summary>
    private static DateOnly[]? Dates(RecordBatch batch, string name)
    {
        var array = Find(batch, name);
        if (array is null)
        {
            return null;
        }

        Func<int, DateOnly?> date = array switch
        {
            Date32Array d => d.GetDateOnly,
            Date64Array d => d.GetDateOnly,
            TimestampArray t => i => t.GetTimestamp(i) is { } at ? DateOnly.FromDateTime(at.DateTime) : null,
            _ => throw new ArgumentException($"Column '{name}' holds {TypeName(array)} values; expected dates (date32, date64 or timestamp).", nameof(batch)),
        };
        var dates = new DateOnly[array.Length];
        for (int i = 0; i < dates.Length; i++)
        {
            dates[i] = date(i) ?? default;
        }

        return dates;
    }

    /// <summary>A number column: an Arrow double array read in place, or values converted once; both empty when the batch lacks it.</summary>
    private readonly struct Column(DoubleArray? inPlace, double[]? converted)
    {
        public bool IsEmpty => inPlace is null && converted is null;

        public ReadOnlySpan<double> Values => inPlace is not null ? inPlace.Values : converted;

        public double this[int i] => Values[i];

        /// <summary>This column where it has a value, else <paramref name="value"/> of the row; converted.</summary>
        public Column Fill(int count, Func<int, double> value)
        {
            var filled = new double[count];
            var values = Values;
            for (int i = 0; i < count; i++)
            {
                filled[i] = !values.IsEmpty && !double.IsNaN(values[i]) ? values[i] : value(i);
            }

            return new Column(null, filled);
        }
    }
}
