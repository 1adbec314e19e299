namespace ExpansionScoring.Gates;

/// <summary>Options for the guardrails of SPEC §8. Each gate can be switched off or re-thresholded.</summary>
public sealed class GateOptions
{
    /// <summary>Gets or sets whether the health gate is on. <value>The default value is <see langword="true"/>.</value></summary>
    public bool HealthEnabled { get; set; } = true;

    /// <summary>Gets or sets the lowest health score that may be pitched. <value>The default value is 60.</value></summary>
    public double MinHealthScore { get; set; } = 60;

    /// <summary>Gets or sets whether the support-ticket gate is on. <value>The default value is <see langword="true"/>.</value></summary>
    public bool SupportTicketsEnabled { get; set; } = true;

    /// <summary>Gets or sets the most open P1/P2 tickets that may be pitched. <value>The default value is 0.</value></summary>
    public int MaxOpenP1P2Tickets { get; set; }

    /// <summary>Gets or sets whether the tenure gate is on. <value>The default value is <see langword="true"/>.</value></summary>
    public bool TenureEnabled { get; set; } = true;

    /// <summary>Gets or sets the shortest tenure, in months since contract start, that may be pitched. <value>The default value is 6.</value></summary>
    public int MinTenureMonths { get; set; } = 6;
}
