namespace ExpansionScoring;

/// <summary>How the composite treats a signal that could not be read for an account.</summary>
public enum MissingSignalPolicy
{
    /// <summary>Leave the signal out and renormalise the remaining weights (the default).</summary>
    Renormalize = 0,

    /// <summary>Count the signal as 0 with its full weight.</summary>
    TreatAsZero = 1,
}
