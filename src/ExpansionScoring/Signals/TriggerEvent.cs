namespace ExpansionScoring.Signals;

/// <summary>A dated trigger event on an account.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Date">The day it happened.</param>
public readonly record struct TriggerEvent(TriggerEventKind Kind, DateOnly Date);
