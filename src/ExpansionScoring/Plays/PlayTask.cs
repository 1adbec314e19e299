namespace ExpansionScoring.Plays;

/// <summary>One task of the weekly queue: a play that fired for an account. Immutable.</summary>
public sealed record PlayTask
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the account's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the event that fired the play, as the play spells it in canonical case (for example <c>newTrigger:FundingRound</c>).</summary>
    public required string Event { get; init; }

    /// <summary>Gets what to do.</summary>
    public required string Action { get; init; }

    /// <summary>Gets who does it: the account's owner when known, else the play's role.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets the date it is due: the later snapshot's date plus the play's time, rounded up to whole days.</summary>
    public DateOnly Due { get; init; }

    /// <summary>Gets the account's opportunity in the later snapshot.</summary>
    public double Opportunity { get; init; }
}
