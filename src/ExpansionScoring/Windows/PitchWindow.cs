namespace ExpansionScoring.Windows;

/// <summary>When to pitch an account (SPEC §7). Every account lands in exactly one window.</summary>
public enum PitchWindow
{
    /// <summary>This week.</summary>
    Now = 0,

    /// <summary>Within the next 30 days.</summary>
    Next30Days = 1,

    /// <summary>Within the next 60 days.</summary>
    Next60Days = 2,

    /// <summary>Not now: nurture the account.</summary>
    Nurture = 3,
}
