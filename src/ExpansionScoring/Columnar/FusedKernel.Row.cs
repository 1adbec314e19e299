namespace ExpansionScoring.Columnar;

/// <content>The single-row path: the batch kernel on a book of one account, one lane wide.</content>
internal sealed partial class FusedKernel
{
    /// <summary>Scores one row as a one-account book on <see cref="Lanes1"/>: the batch path's code, so the batch path's results.</summary>
    internal RowScore Row(in AccountRow row, DateOnly asOf)
    {
        var segment = row.Segment;
        double planFit = row.PlanFit, velocity = row.Velocity, engagement = row.Engagement, champion = row.Champion, triggers = row.Triggers;
        double arr = row.Arr, seats = row.SeatSaturation, days = row.DaysToRenewal, health = row.HealthScore, tickets = row.OpenP1P2Tickets;
        var start = row.ContractStart;
        var account = new AccountColumns
        {
            Segment = new(in segment),
            PlanFit = new(in planFit),
            Velocity = new(in velocity),
            Engagement = new(in engagement),
            Champion = new(in champion),
            Triggers = new(in triggers),
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
