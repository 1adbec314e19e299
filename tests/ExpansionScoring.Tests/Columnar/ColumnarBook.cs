using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Columnar;

/// <summary>A book of <see cref="Account"/>s turned into the columns of <see cref="AccountColumns"/>, field for field.</summary>
public sealed class ColumnarBook
{
    public ColumnarBook(IReadOnlyList<Account> accounts, DateOnly asOf)
    {
        Accounts = accounts;
        int n = accounts.Count;
        Segment = new Segment[n];
        Signals = [new double[n], new double[n], new double[n], new double[n], new double[n]];
        Arr = new double[n];
        SeatSaturation = new double[n];
        DaysToRenewal = new double[n];
        HealthScore = new double[n];
        OpenP1P2Tickets = new double[n];
        ContractStart = new DateOnly[n];
        for (int i = 0; i < n; i++)
        {
            var a = accounts[i];
            Segment[i] = a.Segment;
            for (int s = 0; s < 5; s++)
            {
                Signals[s][i] = a.Signals.TryGetValue(SignalKey.BuiltIn[s], out double v) ? v : double.NaN;
            }

            Arr[i] = a.Arr;
            SeatSaturation[i] = a.GetSeatSaturation() ?? double.NaN;
            DaysToRenewal[i] = a.GetDaysToRenewal(asOf) ?? double.NaN;
            HealthScore[i] = a.HealthScore ?? double.NaN;
            OpenP1P2Tickets[i] = a.OpenP1P2Tickets ?? double.NaN;
            ContractStart[i] = a.ContractStartDate ?? default;
        }
    }

    public IReadOnlyList<Account> Accounts { get; }

    public Segment[] Segment { get; }

    public double[][] Signals { get; }

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
        PlanFit = Signals[0],
        Velocity = Signals[1],
        Engagement = Signals[2],
        Champion = Signals[3],
        Triggers = Signals[4],
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
        PlanFit = Signals[0][i],
        Velocity = Signals[1][i],
        Engagement = Signals[2][i],
        Champion = Signals[3][i],
        Triggers = Signals[4][i],
        Arr = Arr[i],
        SeatSaturation = SeatSaturation[i],
        DaysToRenewal = DaysToRenewal[i],
        HealthScore = HealthScore[i],
        OpenP1P2Tickets = OpenP1P2Tickets[i],
        ContractStart = ContractStart[i],
    };
}

/// <summary>Result columns for a book, all four written.</summary>
public sealed class ResultArrays(int n)
{
    public double[] Composite { get; } = new double[n];

    public double[] Probability { get; } = new double[n];

    public double[] Opportunity { get; } = new double[n];

    public ScoreOutcome[] Outcome { get; } = new ScoreOutcome[n];

    public ScoreColumns Columns => new() { Composite = Composite, Probability = Probability, Opportunity = Opportunity, Outcome = Outcome };
}
