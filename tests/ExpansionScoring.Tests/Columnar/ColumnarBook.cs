using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Columnar;

/// <summary>
/// A book of <see cref="Account"/>s turned into columns field for field, independently of the engine's own reading:
/// only directly supplied signals, so the kernel itself must derive PlanFit from seats where it is missing.
/// </summary>
public sealed class ColumnarBook
{
    private readonly AccountColumnBuffer buffer;

    public ColumnarBook(IReadOnlyList<Account> accounts, DateOnly asOf)
    {
        Accounts = accounts;
        buffer = new AccountColumnBuffer(accounts.Count);
        foreach (var a in accounts)
        {
            var row = new AccountRow
            {
                Segment = a.Segment,
                Arr = a.Arr,
                SeatSaturation = a.GetSeatSaturation() ?? double.NaN,
                DaysToRenewal = a.GetDaysToRenewal(asOf) ?? double.NaN,
                HealthScore = a.HealthScore ?? double.NaN,
                OpenP1P2Tickets = a.OpenP1P2Tickets ?? double.NaN,
                ContractStart = a.ContractStartDate ?? default,
            };

            // Every built-in signal, by key: a signal added to the table is carried without a change here.
            foreach (var key in SignalKey.BuiltIn)
            {
                row = row.WithSignal(key, a.Signals.TryGetValue(key, out double v) ? v : double.NaN);
            }

            buffer.Add(row);
        }
    }

    public IReadOnlyList<Account> Accounts { get; }

    public int Count => buffer.Count;

    public AccountColumns Columns => buffer.Columns;

    public AccountRow Row(int i) => buffer[i];
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
