namespace ExpansionScoring.Gates;

/// <summary>The outcome of one gate for one account (SPEC §8).</summary>
public sealed record GateCheck
{
    /// <summary>Gets the gate.</summary>
    public GateFlags Gate { get; init; }

    /// <summary>Gets the outcome.</summary>
    public GateStatus Status { get; init; }

    /// <summary>Gets a one-line description, such as "health score 45 is below 60".</summary>
    public required string Detail { get; init; }
}
