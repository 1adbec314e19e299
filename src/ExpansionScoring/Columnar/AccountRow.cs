namespace ExpansionScoring.Columnar;

/// <summary>
/// One account as plain numbers, for <see cref="ScoringModel.ScoreRow"/>: the same fields as one row of
/// <see cref="AccountColumns"/>. Created with <c>new AccountRow { … }</c>, every field not set is missing
/// (NaN, or <see langword="default"/> for <see cref="ContractStart"/>).
/// </summary>
public readonly record struct AccountRow
{
    /// <summary>Initializes a new instance of the <see cref="AccountRow"/> struct with every optional field missing.</summary>
    public AccountRow()
    {
    }

    /// <summary>Gets the segment. <value>The default value is <see cref="Segment.MidMarket"/>, as <see cref="Account"/>'s (SPEC §3).</value></summary>
    public Segment Segment { get; init; } = Segment.MidMarket;

    /// <summary>Gets the Plan-Fit signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double PlanFit { get; init; } = double.NaN;

    /// <summary>Gets the Velocity signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Velocity { get; init; } = double.NaN;

    /// <summary>Gets the Engagement signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Engagement { get; init; } = double.NaN;

    /// <summary>Gets the Champion signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Champion { get; init; } = double.NaN;

    /// <summary>Gets the Triggers signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Triggers { get; init; } = double.NaN;

    /// <summary>Gets the annual recurring revenue. <value>The default value is 0.</value></summary>
    public double Arr { get; init; }

    /// <summary>Gets the seat saturation ratio. <value>The default value is NaN (unknown).</value></summary>
    public double SeatSaturation { get; init; } = double.NaN;

    /// <summary>Gets the whole days to renewal. <value>The default value is NaN (unknown).</value></summary>
    public double DaysToRenewal { get; init; } = double.NaN;

    /// <summary>Gets the health score, 0..100. <value>The default value is NaN (gate not evaluated).</value></summary>
    public double HealthScore { get; init; } = double.NaN;

    /// <summary>Gets the number of open P1/P2 tickets. <value>The default value is NaN (gate not evaluated).</value></summary>
    public double OpenP1P2Tickets { get; init; } = double.NaN;

    /// <summary>Gets the contract start date. <value>The default value is <see langword="default"/> (gate not evaluated).</value></summary>
    public DateOnly ContractStart { get; init; }
}
