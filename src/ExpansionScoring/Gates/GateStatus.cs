namespace ExpansionScoring.Gates;

/// <summary>Whether a gate passed, blocked, was not evaluated or is switched off.</summary>
public enum GateStatus
{
    /// <summary>The gate was evaluated and does not block.</summary>
    Passed = 0,

    /// <summary>The gate blocks pitching.</summary>
    Blocked = 1,

    /// <summary>The gate's data is missing, so it was not evaluated; it does not block.</summary>
    NotEvaluated = 2,

    /// <summary>The gate is switched off in the options.</summary>
    Disabled = 3,
}
