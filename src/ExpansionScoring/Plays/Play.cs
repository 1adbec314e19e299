namespace ExpansionScoring.Plays;

/// <summary>
/// One trigger play (SPEC §13): when an event happens to an account between two snapshots, who does what by when.
/// Immutable; checked by <see cref="PlayBook.Create"/>.
/// </summary>
public sealed record Play
{
    /// <summary>
    /// Gets the event, case-insensitive: <c>becameHot</c>, <c>promoted</c>, <c>demoted</c>, <c>gateCleared</c>,
    /// <c>gateBlocked</c>, <c>newTrigger:&lt;kind&gt;</c> (a <see cref="Signals.TriggerEventKind"/> name),
    /// <c>usageAlert:&lt;percent&gt;</c> (seat or metered usage of a plan limit crossed this percent) or
    /// <c>renewalWithin:&lt;days&gt;</c> (the renewal came within this many days).
    /// </summary>
    public required string Event { get; init; }

    /// <summary>Gets what to do, such as "expansion outreach on the account's pitch script".</summary>
    public required string Action { get; init; }

    /// <summary>Gets the owner's role, such as "CSM"; a task takes the account's own owner instead when one is known.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets the time allowed from the later snapshot's date: a whole number of hours, days or weeks, such as <c>24 hours</c>, <c>3 days</c>, <c>1 week</c> (or <c>24h</c>, <c>3d</c>, <c>1w</c>).</summary>
    public required string Due { get; init; }
}
