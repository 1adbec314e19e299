namespace ExpansionScoring;

/// <summary>How much of the weighted evidence was present (SPEC §9).</summary>
public enum Confidence
{
    /// <summary>More than two weighted signals were missing.</summary>
    Low = 0,

    /// <summary>One or two weighted signals were missing.</summary>
    Medium = 1,

    /// <summary>Every weighted signal was present.</summary>
    High = 2,
}
