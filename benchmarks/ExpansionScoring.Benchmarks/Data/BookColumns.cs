using ExpansionScoring.Columnar;

namespace ExpansionScoring.Benchmarks.Data;

/// <summary>
/// A <see cref="SyntheticBook"/> as columns, one array per field, holding exactly what the general engine reads from
/// each <see cref="Account"/>: the signal values (derived where the engine would derive them), seat saturation, days to
/// renewal resolved against the as-of date, and the gate inputs.
/// </summary>
public sealed class BookColumns
{
    public BookColumns(IReadOnlyList<Account> accounts, DateOnly asOf)
    {
        int n = accounts.Count;
        Segment = new Segment[n];
        PlanFit = new double[n];
        Velocity = new double[n];
        Engagement = new double[n];
        Champion = new double[n];
        Triggers = new double[n];
        Arr = new double[n];
        SeatSaturation = new double[n];
        DaysToRenewal = new double[n];
        HealthScore = new double[n];
        OpenP1P2Tickets = new double[n];
        ContractStart = new DateOnly[n];
        Span<double> values = stackalloc double[5];
        for (int i = 0; i < n; i++)
        {
            var a = accounts[i];
            ScoringModel.Default.ReadSignalValues(a, asOf, values);
            Segment[i] = a.Segment;
            PlanFit[i] = values[0];
            Velocity[i] = values[1];
            Engagement[i] = values[2];
            Champion[i] = values[3];
            Triggers[i] = values[4];
            Arr[i] = a.Arr;
            SeatSaturation[i] = a.GetSeatSaturation() ?? double.NaN;
            DaysToRenewal[i] = a.GetDaysToRenewal(asOf) ?? double.NaN;
            HealthScore[i] = a.HealthScore ?? double.NaN;
            OpenP1P2Tickets[i] = a.OpenP1P2Tickets ?? double.NaN;
            ContractStart[i] = a.ContractStartDate ?? default;
        }
    }

    public Segment[] Segment { get; }

    public double[] PlanFit { get; }

    public double[] Velocity { get; }

    public double[] Engagement { get; }

    public double[] Champion { get; }

    public double[] Triggers { get; }

    public double[] Arr { get; }

    public double[] SeatSaturation { get; }

    public double[] DaysToRenewal { get; }

    public double[] HealthScore { get; }

    public double[] OpenP1P2Tickets { get; }

    public DateOnly[] ContractStart { get; }

    public int Count => Arr.Length;

    public AccountColumns Columns => new()
    {
        Segment = Segment,
        PlanFit = PlanFit,
        Velocity = Velocity,
        Engagement = Engagement,
        Champion = Champion,
        Triggers = Triggers,
        Arr = Arr,
        SeatSaturation = SeatSaturation,
        DaysToRenewal = DaysToRenewal,
        HealthScore = HealthScore,
        OpenP1P2Tickets = OpenP1P2Tickets,
        ContractStart = ContractStart,
    };

    public AccountRow Row(int i) => new()
    {
        Segment = Segment[i],
        PlanFit = PlanFit[i],
        Velocity = Velocity[i],
        Engagement = Engagement[i],
        Champion = Champion[i],
        Triggers = Triggers[i],
        Arr = Arr[i],
        SeatSaturation = SeatSaturation[i],
        DaysToRenewal = DaysToRenewal[i],
        HealthScore = HealthScore[i],
        OpenP1P2Tickets = OpenP1P2Tickets[i],
        ContractStart = ContractStart[i],
    };
}
