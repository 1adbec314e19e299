namespace ExpansionScoring.Gates;

/// <summary>The guardrails that keep at-risk accounts from being pitched (SPEC §8), as flags.</summary>
[Flags]
public enum GateFlags
{
    /// <summary>No gate.</summary>
    None = 0,

    /// <summary>Health score below the minimum (default 60).</summary>
    Health = 1,

    /// <summary>An open P1/P2 support ticket.</summary>
    SupportTickets = 2,

    /// <summary>Tenure below the minimum (default 6 months).</summary>
    Tenure = 4,
}
