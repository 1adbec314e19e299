namespace ExpansionScoring.Signals;

/// <summary>Where an account's signal value came from.</summary>
public enum SignalSource
{
    /// <summary>The signal could not be read; it is missing.</summary>
    Missing = 0,

    /// <summary>The account supplied the 0..100 value directly.</summary>
    Direct = 1,

    /// <summary>A signal scorer derived the value from the account's data.</summary>
    Derived = 2,
}
