namespace ExpansionScoring.Columnar;

/// <content>The single-row path: the batch kernel on a book of one account, one lane wide.</content>
internal sealed partial class FusedKernel
{
    /// <summary>Scores one row as a one-account book on <see cref="Lanes1"/>: the batch path's code, so the batch path's results.</summary>
    internal RowScore Row(in AccountRow row, DateOnly asOf)
    {
        var segment = row.Segment;
        var signals = row.Signals;
        ReadOnlySpan<double> s = signals;
        double arr = row.Arr, seats = row.SeatSaturation, days = row.DaysToRenewal, health = row.HealthScore, tickets = row.OpenP1P2Tickets;
        var start = row.ContractStart;
        var account = new AccountColumns(s[0..1], s[1..2], s[2..3], s[3..4], s[4..5], s[5..6], s[6..7], s[7..8])
        {
            Segment = new(in segment),
            Arr = new(in arr),
            SeatSaturation = new(in seats),
            DaysToRenewal = new(in days),
            HealthScore = new(in health),
            OpenP1P2Tickets = new(in tickets),
            ContractStart = new(in start),
        };
        double composite = 0, probability = 0, opportunity = 0;
        ScoreOutcome outcome = default;
        var results = new ScoreColumns
        {
            Composite = new(ref composite),
            Probability = new(ref probability),
            Opportunity = new(ref opportunity),
            Outcome = new(ref outcome),
        };
        Run<Lanes1>(account, results, TenureLow(asOf), default);
        return new RowScore(composite, probability, opportunity, outcome, ScoringPath.Kernel);
    }
}
