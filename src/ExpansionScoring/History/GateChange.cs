using ExpansionScoring.Gates;

namespace ExpansionScoring.History;

/// <summary>
/// One guardrail (SPEC §8) whose outcome differs between two snapshots of an account: it cleared, started blocking, or
/// its data appeared or went missing. Immutable.
/// </summary>
/// <remarks>
/// <see cref="Before"/> and <see cref="After"/> are <see cref="GateStatus.Blocked"/>, <see cref="GateStatus.Passed"/> or
/// <see cref="GateStatus.NotEvaluated"/>; a gate switched off in one model reads as not evaluated on that side.
/// </remarks>
public sealed record GateChange
{
    /// <summary>Gets the gate: <see cref="GateFlags.Health"/>, <see cref="GateFlags.SupportTickets"/> or <see cref="GateFlags.Tenure"/>.</summary>
    public GateFlags Gate { get; init; }

    /// <summary>Gets the gate's outcome in the earlier snapshot.</summary>
    public GateStatus Before { get; init; }

    /// <summary>Gets the gate's outcome in the later snapshot.</summary>
    public GateStatus After { get; init; }

    /// <summary>Gets the value the gate read in the earlier snapshot (health score, open P1/P2 tickets, or whole months of tenure); <see langword="null"/> when missing.</summary>
    public double? ValueBefore { get; init; }

    /// <summary>Gets the value the gate read in the later snapshot; <see langword="null"/> when missing.</summary>
    public double? ValueAfter { get; init; }

    /// <summary>Gets a value indicating whether the gate blocked before and no longer does.</summary>
    public bool Cleared => Before == GateStatus.Blocked && After != GateStatus.Blocked;

    /// <summary>Gets a value indicating whether the gate blocks now and did not before.</summary>
    public bool Blocked => After == GateStatus.Blocked && Before != GateStatus.Blocked;
}
